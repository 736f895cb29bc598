using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Spacegate.Server.Audit;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;
using Spacegate.Server.OAuth;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Spacegate.Server.Grants;

public sealed record AccountChoice(string Id, string Name, AccountRole Role);

/// <summary>Which accounts a user may grant an app access to, and how the grant is recorded.</summary>
public sealed class ConsentService(SpacegateDbContext db, IOpenIddictAuthorizationManager authorizations, AuditLog audit)
{
    public async Task<(Account Owner, List<AccountChoice> Choices)> GetChoicesAsync(SpacegateUser user, OAuthApplication app,
        CancellationToken cancellationToken)
    {
        var owner = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == app.AccountId, cancellationToken);
        var query = db.Memberships.AsNoTracking().Where(m => m.UserId == user.Id);
        // A development (or pending) app may only be authorized by members of its own account, for that account.
        if (app.Mode != ApplicationMode.Production)
        {
            query = query.Where(m => m.AccountId == app.AccountId);
        }
        var choices = await query.OrderBy(m => m.Account!.Name)
            .Select(m => new AccountChoice(m.AccountId, m.Account!.Name, m.Role))
            .ToListAsync(cancellationToken);
        return (owner, choices);
    }

    /// <summary>Records the consent (reusing a matching live grant) and builds the principal to sign in.</summary>
    public async Task<ClaimsPrincipal> GrantAsync(SpacegateUser user, OAuthApplication app, string accountId,
        IReadOnlyCollection<string> scopes, CancellationToken cancellationToken)
    {
        var identity = SpacegateClaims.NewIdentity();
        identity.SetClaim(Claims.Subject, user.Id);
        identity.SetClaim(Claims.Name, user.DisplayName);
        identity.SetClaim(SpacegateClaims.AccountId, accountId);
        var principal = SpacegateClaims.Finish(identity);
        principal.SetScopes(scopes);
        principal.SetAccessTokenLifetime(TimeSpan.FromMinutes(app.AccessTokenMinutes));

        OAuthGrant? grant = null;
        await foreach (var candidate in authorizations.FindAsync(user.Id, app.Id!, Statuses.Valid, AuthorizationTypes.Permanent,
            [.. scopes], cancellationToken))
        {
            if (candidate is OAuthGrant existing && existing.AccountId == accountId)
            {
                grant = existing;
                break;
            }
        }
        if (grant is null)
        {
            grant = (OAuthGrant)await authorizations.CreateAsync(principal, user.Id, app.Id!, AuthorizationTypes.Permanent,
                [.. scopes], cancellationToken);
            grant.AccountId = accountId;
            audit.Add(AuditActions.GrantGiven, accountId, app.ClientId, grant.Id, new { scopes });
            await authorizations.UpdateAsync(grant, cancellationToken);
        }
        else
        {
            await audit.WriteAsync(AuditActions.GrantGiven, accountId, app.ClientId, grant.Id, new { scopes, reused = true },
                cancellationToken: cancellationToken);
        }
        principal.SetAuthorizationId(grant.Id);
        return principal;
    }
}
