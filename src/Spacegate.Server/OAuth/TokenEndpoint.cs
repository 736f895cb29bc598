using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Spacegate.Server.Audit;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;
using Spacegate.Server.Durations;
using Spacegate.Server.Grants;
using Spacegate.Server.OAuth.ClientCache;
using Spacegate.Server.OAuth.Handlers;
using Spacegate.Server.Operations;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Spacegate.Server.OAuth;

/// <summary>
/// The interactive-free part of POST /api/oauth/token. OpenIddict has already authenticated the client
/// and validated the code, refresh token or credentials; this decides lifetimes and refresh rotation.
/// </summary>
public sealed class TokenEndpoint(
    IOpenIddictApplicationManager applications,
    SpacegateDbContext db,
    ClientAccountFlags accountFlags,
    TokenIssuancePlan plan,
    KeyedLock locks,
    GrantRevocationService grants,
    IDataProtectionProvider dataProtection,
    SpacegateMetrics metrics,
    AuditLog audit,
    TimeProvider clock,
    IOptions<SpacegateOptions> options)
{
    /// <summary>Refresh tokens this old are stale: the next refresh rotates them (SPEC §4).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(24);

    private const string Scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/oauth/token", (HttpContext http, TokenEndpoint endpoint) => endpoint.HandleAsync(http))
            .DisableAntiforgery();

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");
        var app = (OAuthApplication?)await applications.FindByClientIdAsync(request.ClientId!, http.RequestAborted);
        if (app is null)
        {
            await ForbidAsync(http, Errors.InvalidClient, "The client application is unknown.");
            return;
        }

        var lifetime = TimeSpan.FromMinutes(app.AccessTokenMinutes);
        var expiresIn = (string?)request.GetParameter("expires_in");
        if (expiresIn is not null)
        {
            var parsed = DurationParser.Parse(expiresIn, TimeSpan.FromDays(366));
            if (!parsed.Success)
            {
                await ForbidAsync(http, Errors.InvalidRequest, $"expires_in: {parsed.Error}");
                return;
            }
            // The documented cap: a longer expires_in gets the app's configured duration.
            lifetime = parsed.Value!.Value < lifetime ? parsed.Value.Value : lifetime;
        }

        if (request.IsClientCredentialsGrantType())
        {
            await HandleClientCredentialsAsync(http, request, app, lifetime);
        }
        else if (request.IsAuthorizationCodeGrantType())
        {
            await HandleAuthorizationCodeAsync(http, request, lifetime);
        }
        else if (request.IsRefreshTokenGrantType())
        {
            await HandleRefreshTokenAsync(http, lifetime);
        }
        else
        {
            await ForbidAsync(http, Errors.UnsupportedGrantType, "The grant type is not supported.");
        }
    }

    private async Task HandleClientCredentialsAsync(HttpContext http, OpenIddictRequest request, OAuthApplication app, TimeSpan lifetime)
    {
        if (!await accountFlags.IsPmeEnabledAsync(app.AccountId, http.RequestAborted))
        {
            await ForbidAsync(http, Errors.UnauthorizedClient,
                "client_credentials is only available to apps of accounts enabled for Private Model Embed.");
            return;
        }

        var scopes = request.GetScopes();
        if (scopes.IsEmpty)
        {
            scopes = [.. (await applications.GetPermissionsAsync(app, http.RequestAborted))
                .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
                .Select(p => p[Permissions.Prefixes.Scope.Length..])];
        }

        var identity = SpacegateClaims.NewIdentity();
        identity.SetClaim(Claims.Subject, app.ClientId);
        identity.SetClaim(SpacegateClaims.AccountId, app.AccountId);
        var principal = SpacegateClaims.Finish(identity);
        principal.SetScopes(scopes);
        principal.SetAccessTokenLifetime(lifetime);
        plan.Refresh = RefreshTokenIssuance.None;
        await http.SignInAsync(Scheme, principal);
    }

    private async Task HandleAuthorizationCodeAsync(HttpContext http, OpenIddictRequest request, TimeSpan lifetime)
    {
        var result = await http.AuthenticateAsync(Scheme);
        if (result.Principal is not { } codePrincipal)
        {
            await ForbidAsync(http, Errors.InvalidGrant, "The authorization code is no longer valid.");
            return;
        }
        var codeIdentity = SpacegateClaims.CopyIdentity(codePrincipal);
        // A new token family starts here, named after the code: a replay of it revokes only this family.
        codeIdentity.SetClaim(SpacegateClaims.FamilyId, codePrincipal.GetTokenId());
        var principal = SpacegateClaims.Finish(codeIdentity);

        // The documented `scope` parameter must match what the user authorized; a subset narrows the tokens.
        if ((string?)request.GetParameter(AcceptScopeOnCodeExchange.Parameter) is { Length: > 0 } scope)
        {
            var granted = codePrincipal.GetScopes();
            var requested = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
            if (requested.Any(s => !granted.Contains(s)))
            {
                await ForbidAsync(http, Errors.InvalidScope, "The requested scope exceeds the scope the user authorized.");
                return;
            }
            principal.SetScopes(requested);
        }
        if (!await IsGrantStillValidAsync(principal, http.RequestAborted))
        {
            await ForbidAsync(http, Errors.InvalidGrant, "The user no longer belongs to the authorized account.");
            return;
        }
        principal.SetAccessTokenLifetime(lifetime);
        plan.Refresh = RefreshTokenIssuance.Issue;
        await http.SignInAsync(Scheme, principal);
    }

    private async Task HandleRefreshTokenAsync(HttpContext http, TimeSpan lifetime)
    {
        var result = await http.AuthenticateAsync(Scheme);
        if (result.Principal is not { } refreshPrincipal || refreshPrincipal.GetTokenId() is not { } tokenId)
        {
            await ForbidAsync(http, Errors.InvalidGrant, "The refresh token is no longer valid.");
            return;
        }
        var refreshIdentity = SpacegateClaims.CopyIdentity(refreshPrincipal);
        if (refreshIdentity.GetClaim(SpacegateClaims.FamilyId) is null)
        {
            // Refresh tokens issued before families existed: their family is their grant (as the migration recorded).
            refreshIdentity.SetClaim(SpacegateClaims.FamilyId, refreshPrincipal.GetAuthorizationId());
        }
        var principal = SpacegateClaims.Finish(refreshIdentity);
        principal.SetAccessTokenLifetime(lifetime);
        if (!await IsGrantStillValidAsync(principal, http.RequestAborted))
        {
            await ForbidAsync(http, Errors.InvalidGrant, "The user no longer belongs to the authorized account.");
            return;
        }

        var now = clock.GetUtcNow();
        var issuedAt = refreshPrincipal.GetCreationDate() ?? now;
        if (now - issuedAt < StaleAfter)
        {
            plan.Refresh = RefreshTokenIssuance.None;
            await http.SignInAsync(Scheme, principal);
            return;
        }

        // Stale: rotate once; parallel requests for the same token wait here and reuse the successor.
        using var held = await locks.AcquireAsync(tokenId, http.RequestAborted);
        var rotation = await db.RefreshTokenRotations.AsNoTracking()
            .FirstOrDefaultAsync(r => r.TokenId == tokenId, http.RequestAborted);
        if (rotation is null)
        {
            plan.Refresh = RefreshTokenIssuance.Issue;
            plan.RotatedTokenId = tokenId;
        }
        else if (now - rotation.RotatedAt <= options.Value.RefreshTokenReuseLeeway)
        {
            if (rotation.ProtectedSuccessor is null)
            {
                // Erased at the very edge of the leeway (another node's clock): refuse, but this is no reuse.
                await ForbidAsync(http, Errors.InvalidGrant, "The refresh token was rotated; use its successor.");
                return;
            }
            plan.Refresh = RefreshTokenIssuance.ReuseSuccessor;
            plan.Successor = dataProtection.CreateProtector(AttachRefreshTokenSuccessor.ProtectorPurpose)
                .Unprotect(rotation.ProtectedSuccessor);
        }
        else
        {
            // Reuse after the leeway: the token may have been stolen (RFC 9700 §4.14.2). End the whole grant.
            metrics.RefreshTokenReuseDetected();
            await audit.WriteAsync(AuditActions.RefreshTokenReuse, principal.GetClaim(SpacegateClaims.AccountId),
                http.GetOpenIddictServerRequest()?.ClientId, principal.GetAuthorizationId(), new { tokenId, rotatedAt = rotation.RotatedAt },
                cancellationToken: http.RequestAborted);
            if (principal.GetAuthorizationId() is { } grantId)
            {
                await grants.RevokeAsync(grantId, http.RequestAborted, "refresh_token_reuse");
            }
            await ForbidAsync(http, Errors.InvalidGrant, "The refresh token was already rotated; the grant has been revoked.");
            return;
        }
        await http.SignInAsync(Scheme, principal);
    }

    private async Task<bool> IsGrantStillValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var userId = principal.GetClaim(Claims.Subject);
        var accountId = principal.GetClaim(SpacegateClaims.AccountId);
        return userId is not null && accountId is not null &&
            await DirectSql.For(db, MembershipQueries, CreateMembershipQuery)
                .ReadFirstAsync(db, [userId, accountId], _ => true, cancellationToken);
    }

    // Asked on every code exchange and refresh: a primary-key probe, run without EF Core's LINQ pipeline.
    private static readonly ConditionalWeakTable<IModel, DirectSql> MembershipQueries = [];

    private static DirectSql CreateMembershipQuery(DbContext db)
    {
        var membership = db.Model.FindEntityType(typeof(AccountMembership))!;
        var user = membership.FindProperty(nameof(AccountMembership.UserId))!;
        var account = membership.FindProperty(nameof(AccountMembership.AccountId))!;
        return new DirectSql(db, $"SELECT 1 FROM \"{membership.GetTableName()}\" " +
            $"WHERE \"{user.GetColumnName()}\" = {{0}} AND \"{account.GetColumnName()}\" = {{1}}", user, account);
    }

    private static Task ForbidAsync(HttpContext http, string error, string description) =>
        http.ForbidAsync(Scheme, new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }));
}
