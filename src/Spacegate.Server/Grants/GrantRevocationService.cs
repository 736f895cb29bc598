using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Spacegate.Server.Audit;
using Spacegate.Server.Data;
using Spacegate.Server.ModelApi;
using Spacegate.Server.Operations;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Spacegate.Server.Grants;

/// <summary>
/// Revokes grants and the tokens that depend on them. Access and refresh tokens are reference tokens
/// checked against the database on every use, so revocation holds on the very next request, on every node.
/// </summary>
public sealed class GrantRevocationService(
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictTokenManager tokens,
    SpacegateDbContext db,
    SpacegateMetrics metrics,
    AuditLog audit)
{
    /// <summary>Revokes a grant and every token family issued under it; <paramref name="reason"/> goes to the audit trail.</summary>
    public async Task<bool> RevokeAsync(string grantId, CancellationToken cancellationToken, string? reason = null)
    {
        if (await authorizations.FindByIdAsync(grantId, cancellationToken) is not { } grant)
        {
            return false;
        }
        if (!await authorizations.HasStatusAsync(grant, Statuses.Revoked, cancellationToken))
        {
            var owner = await db.Grants.AsNoTracking().Where(g => g.Id == grantId)
                .Select(g => new { g.AccountId, g.Application!.ClientId, g.Subject }).FirstAsync(cancellationToken);
            // Staged: saved with the revocation itself.
            audit.Add(AuditActions.GrantRevoked, owner.AccountId, owner.ClientId, grantId, new { reason, userId = owner.Subject });
        }
        await authorizations.TryRevokeAsync(grant, cancellationToken);
        await tokens.RevokeByAuthorizationIdAsync(grantId, cancellationToken);
        metrics.Revoked("grant");
        return true;
    }

    /// <summary>Revokes one token family (one code exchange and everything refreshed from it); the grant stays.</summary>
    public async Task<int> RevokeFamilyAsync(string familyId, CancellationToken cancellationToken)
    {
        var revoked = await RevokeTokensAsync(db.Tokens.Where(t => t.FamilyId == familyId), cancellationToken);
        metrics.Revoked("family");
        return revoked;
    }

    /// <summary>A user who leaves an account loses every grant they gave on it, and the grants' tokens.</summary>
    public async Task<int> RevokeMemberGrantsAsync(string userId, string accountId, CancellationToken cancellationToken)
    {
        var grantIds = await db.Grants.AsNoTracking()
            .Where(g => g.Subject == userId && g.AccountId == accountId && g.Status == Statuses.Valid)
            .Select(g => g.Id!).ToListAsync(cancellationToken);
        foreach (var grantId in grantIds)
        {
            await RevokeAsync(grantId, cancellationToken, "member_left_account");
        }
        return grantIds.Count;
    }

    /// <summary>
    /// Revokes the tokens an account's apps hold for themselves rather than for a user: client_credentials tokens
    /// (subject: the client id) and the Private Model Embed tokens minted with them (subject: embed:client id).
    /// </summary>
    public async Task<int> RevokeAppTokensOfAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        var clientIds = await db.Applications.AsNoTracking().Where(a => a.AccountId == accountId)
            .Select(a => a.ClientId!).ToListAsync(cancellationToken);
        var subjects = clientIds.Concat(clientIds.Select(id => EmbedTokens.SubjectPrefix + id)).ToList();
        return await RevokeTokensAsync(
            db.Tokens.Where(t => t.Authorization == null && t.Subject != null && subjects.Contains(t.Subject)), cancellationToken);
    }

    /// <summary>
    /// Revokes an app's grants that only a production app may hold (SPEC §3: a development app can be
    /// authorized only by members of its owning account, for that account).
    /// </summary>
    public async Task<int> RevokeGrantsBeyondOwningAccountAsync(string applicationId, string owningAccountId, CancellationToken cancellationToken)
    {
        var members = db.Memberships.Where(m => m.AccountId == owningAccountId).Select(m => m.UserId);
        var grantIds = await db.Grants.AsNoTracking()
            .Where(g => g.Application!.Id == applicationId && g.Status == Statuses.Valid &&
                (g.AccountId != owningAccountId || !members.Contains(g.Subject!)))
            .Select(g => g.Id!).ToListAsync(cancellationToken);
        foreach (var grantId in grantIds)
        {
            await RevokeAsync(grantId, cancellationToken, "app_left_production");
        }
        return grantIds.Count;
    }

    private static Task<int> RevokeTokensAsync(IQueryable<OAuthToken> query, CancellationToken cancellationToken) =>
        query.Where(t => t.Status != Statuses.Revoked)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, Statuses.Revoked), cancellationToken);
}
