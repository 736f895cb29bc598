using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Spacegate.Server.Data;
using Spacegate.Server.Durations;
using Spacegate.Server.OAuth;
using Spacegate.Server.Operations;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Spacegate.Server.ModelApi;

public sealed record EmbedToken(string AccessToken, DateTimeOffset ValidUntil);

/// <summary>
/// Private Model Embed (SPEC §6): read-only access tokens limited to a few models of the app's account.
/// They are ordinary OpenIddict reference access tokens (stored, revocable, introspectable by their app)
/// whose principal carries the embedded model ids instead of OAuth scopes.
/// </summary>
public sealed class EmbedTokens(
    IOpenIddictServerFactory factory,
    IOpenIddictServerDispatcher dispatcher,
    IOpenIddictApplicationManager applications,
    IOpenIddictTokenManager tokens,
    SpacegateDbContext db,
    SpacegateMetrics metrics,
    Audit.AuditLog audit,
    TimeProvider clock)
{
    /// <summary>Claim listing the embedded model ids, space-separated.</summary>
    public const string ModelsClaim = "spacegate_embed_models";
    public const string SubjectPrefix = "embed:";
    public const int MaxModels = 100;
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MaxValidity = TimeSpan.FromHours(24);

    public async Task<EmbedToken> CreateAsync(ApiCaller caller, HttpContext http, IReadOnlyList<string> modelIds, string clientId,
        string clientSecret, string? validFor, CancellationToken cancellationToken)
    {
        var app = await AuthenticateAppAsync(caller, clientId, clientSecret, cancellationToken);
        var validity = ParseValidity(validFor);
        var ids = modelIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count is 0 or > MaxModels)
        {
            throw ApiError.Invalid($"modelIds must name 1 to {MaxModels} models.");
        }
        var pmeEnabled = await db.Accounts.AsNoTracking().Where(a => a.Id == app.AccountId).Select(a => a.PmeEnabled)
            .FirstOrDefaultAsync(cancellationToken);
        if (!pmeEnabled)
        {
            throw new ApiError(ApiErrorCodes.Unauthorized, "The app's account is not enabled for Private Model Embed.");
        }
        var found = await db.Models.AsNoTracking().Where(m => m.AccountId == app.AccountId && ids.Contains(m.Id))
            .Select(m => m.Id).ToListAsync(cancellationToken);
        var missing = ids.FirstOrDefault(id => !found.Contains(id));
        if (missing is not null)
        {
            throw ApiError.NotFound("Model", missing);
        }

        var now = clock.GetUtcNow();
        var until = now + validity;
        var identity = SpacegateClaims.NewIdentity();
        identity.SetClaim(Claims.Subject, SubjectPrefix + app.ClientId);
        identity.SetClaim(SpacegateClaims.AccountId, app.AccountId);
        identity.SetClaim(ModelsClaim, string.Join(' ', ids));
        var principal = SpacegateClaims.Finish(identity);
        var transaction = await factory.CreateTransactionAsync();
        // The issuer validation expects: the configured one, else the address the request came in on.
        var issuer = transaction.Options.Issuer ?? new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");
        principal.SetCreationDate(now).SetExpirationDate(until).SetPresenters(app.ClientId!);
        // OpenIddict stamps the issuer from this private claim (its sign-in pipeline normally sets it).
        principal.SetClaim(Claims.Private.Issuer, issuer.AbsoluteUri);
        transaction.BaseUri = issuer;
        transaction.Request = new OpenIddictRequest();
        var context = new GenerateTokenContext(transaction)
        {
            ClientId = app.ClientId,
            CreateTokenEntry = true,
            IsReferenceToken = true,
            PersistTokenPayload = true,
            Principal = principal,
            TokenFormat = TokenFormats.Private.JsonWebToken,
            TokenType = TokenTypeIdentifiers.AccessToken,
        };
        await dispatcher.DispatchAsync(context);
        if (context.IsRejected || string.IsNullOrEmpty(context.Token))
        {
            throw new InvalidOperationException($"The embed token could not be issued: {context.Error} {context.ErrorDescription}");
        }
        metrics.EmbedTokenMinted();
        await audit.WriteAsync(Audit.AuditActions.EmbedTokenMinted, app.AccountId, app.ClientId, context.Principal?.GetTokenId(),
            new { modelIds = ids, validUntil = until }, ActorOf(caller), cancellationToken);
        return new EmbedToken(context.Token, until);
    }

    /// <summary>Revokes an embed token of the caller's own app at once; true also when it was already revoked.</summary>
    public async Task<bool> DeleteAsync(ApiCaller caller, string clientId, string clientSecret, string accessToken,
        CancellationToken cancellationToken)
    {
        var app = await AuthenticateAppAsync(caller, clientId, clientSecret, cancellationToken);
        var token = string.IsNullOrEmpty(accessToken) || accessToken.Length > 512
            ? null
            : await tokens.FindByReferenceIdAsync(accessToken, cancellationToken);
        if (token is null)
        {
            throw new ApiError(ApiErrorCodes.NotFound, "The access token was not found.");
        }
        var subject = await tokens.GetSubjectAsync(token, cancellationToken);
        var appId = await tokens.GetApplicationIdAsync(token, cancellationToken);
        if (appId != await applications.GetIdAsync(app, cancellationToken) || subject?.StartsWith(SubjectPrefix, StringComparison.Ordinal) != true)
        {
            throw new ApiError(ApiErrorCodes.Unauthorized, "The access token is not a Private Model Embed token of this app.");
        }
        if (!await tokens.HasStatusAsync(token, Statuses.Revoked, cancellationToken))
        {
            audit.Add(Audit.AuditActions.EmbedTokenDeleted, app.AccountId, app.ClientId, await tokens.GetIdAsync(token, cancellationToken),
                actor: ActorOf(caller));
            await tokens.TryRevokeAsync(token, cancellationToken);
            metrics.Revoked("embed_token");
        }
        return true;
    }

    private async Task<OAuthApplication> AuthenticateAppAsync(ApiCaller caller, string clientId, string clientSecret,
        CancellationToken cancellationToken)
    {
        if (caller.IsEmbed)
        {
            throw new ApiError(ApiErrorCodes.Unauthorized, "A Private Model Embed token cannot manage embed tokens.");
        }
        var app = string.Equals(clientId, caller.ClientId, StringComparison.Ordinal) && clientSecret.Length <= 512
            ? await applications.FindByClientIdAsync(clientId, cancellationToken) as OAuthApplication
            : null;
        if (app is null || app.AccountId != caller.AccountId ||
            !await applications.ValidateClientSecretAsync(app, clientSecret, cancellationToken))
        {
            throw new ApiError(ApiErrorCodes.Unauthorized, "clientId and clientSecret must be the credentials of the bearer token's own app.");
        }
        return app;
    }

    private static string ActorOf(ApiCaller caller) => caller.UserId ?? Audit.AuditActions.AppActorPrefix + caller.ClientId;

    private static TimeSpan ParseValidity(string? validFor)
    {
        if (validFor is null)
        {
            return DefaultValidity;
        }
        var parsed = DurationParser.Parse(validFor, MaxValidity);
        return parsed.Value ?? throw ApiError.Invalid($"validFor: {parsed.Error}");
    }

    public static IReadOnlySet<string>? ModelsOf(ClaimsPrincipal principal) =>
        principal.GetClaim(ModelsClaim) is { } value
            ? value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)
            : null;
}
