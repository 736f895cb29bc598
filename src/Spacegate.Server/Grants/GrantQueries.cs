using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;

namespace Spacegate.Server.Grants;

public sealed record GrantView(string Id, string AppName, string ClientId, string AccountId, string AccountName,
    string UserId, string UserName, IReadOnlyList<string> Scopes, DateTimeOffset? CreatedAt);

/// <summary>Which live grants a user may see and revoke: their own, and every grant on accounts they administer.</summary>
public sealed class GrantQueries(SpacegateDbContext db)
{
    public async Task<List<GrantView>> ListVisibleAsync(string userId, CancellationToken cancellationToken)
    {
        var adminOf = await AdminAccountIdsAsync(userId, cancellationToken);
        return await QueryAsync(db.Grants.Where(g => g.Subject == userId || adminOf.Contains(g.AccountId!)), cancellationToken);
    }

    /// <summary>Every live grant, or those on one account: what an operator sees (<c>spacegate grants list</c>).</summary>
    public Task<List<GrantView>> ListAsync(string? accountId, CancellationToken cancellationToken) =>
        QueryAsync(db.Grants.Where(g => accountId == null || g.AccountId == accountId), cancellationToken);

    private async Task<List<GrantView>> QueryAsync(IQueryable<OAuthGrant> grants, CancellationToken cancellationToken)
    {
        var rows = await grants.AsNoTracking()
            .Where(g => g.Status == OpenIddictConstants.Statuses.Valid)
            .Select(g => new
            {
                g.Id, g.Scopes, g.CreationDate, g.AccountId, g.Subject,
                AppName = g.Application!.DisplayName, g.Application.ClientId,
            })
            .ToListAsync(cancellationToken);
        var accountIds = rows.Select(r => r.AccountId).Distinct().ToList();
        var userIds = rows.Select(r => r.Subject).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return [.. rows
            .Select(r => new GrantView(r.Id!, r.AppName ?? r.ClientId ?? "", r.ClientId ?? "", r.AccountId ?? "",
                accounts.GetValueOrDefault(r.AccountId ?? "", r.AccountId ?? ""), r.Subject ?? "", users.GetValueOrDefault(r.Subject ?? "", "(deleted user)"),
                r.Scopes is null ? [] : JsonSerializer.Deserialize<List<string>>(r.Scopes) ?? [],
                r.CreationDate is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : null))
            .OrderByDescending(g => g.CreatedAt)];
    }

    /// <summary>The grant when the user may see it (and so revoke it); null for a grant that is not theirs to see.</summary>
    public async Task<GrantView?> FindVisibleAsync(string userId, string grantId, CancellationToken cancellationToken) =>
        (await ListVisibleAsync(userId, cancellationToken)).FirstOrDefault(g => g.Id == grantId);

    public async Task<bool> CanRevokeAsync(string userId, string grantId, CancellationToken cancellationToken)
    {
        var grant = await db.Grants.AsNoTracking().Where(g => g.Id == grantId)
            .Select(g => new { g.Subject, g.AccountId }).FirstOrDefaultAsync(cancellationToken);
        if (grant is null)
        {
            return false;
        }
        return grant.Subject == userId || (await AdminAccountIdsAsync(userId, cancellationToken)).Contains(grant.AccountId ?? "");
    }

    private Task<List<string>> AdminAccountIdsAsync(string userId, CancellationToken cancellationToken) =>
        db.Memberships.AsNoTracking().Where(m => m.UserId == userId && m.Role == AccountRole.Admin)
            .Select(m => m.AccountId).ToListAsync(cancellationToken);
}
