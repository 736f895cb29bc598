using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;

namespace Spacegate.Server.Applications;

/// <summary>An account as the Developer Tools see it for one user.</summary>
public sealed record DeveloperAccount(string Id, string Name, bool DeveloperTools, AccountRole Role)
{
    /// <summary>Members see the account's apps; only its admins change them, since a secret or a scope affects every integration.</summary>
    public bool CanManage => DeveloperTools && Role == AccountRole.Admin;
}

public enum AppAccess
{
    /// <summary>No such app, or the user is not a member of the account that owns it: answer 404 and reveal nothing.</summary>
    NotFound,

    /// <summary>A member who may look but not change it (not an admin, or Developer Tools are off).</summary>
    ViewOnly,

    Manage,
}

/// <summary>Who may see and manage which OAuth applications in the Developer Tools.</summary>
public sealed class DeveloperAccess(SpacegateDbContext db, ApplicationQueries queries)
{
    public Task<List<DeveloperAccount>> ListAccountsAsync(string userId, CancellationToken cancellationToken) =>
        db.Memberships.AsNoTracking().Where(m => m.UserId == userId)
            .OrderBy(m => m.Account!.Name)
            .Select(m => new DeveloperAccount(m.AccountId, m.Account!.Name, m.Account.DeveloperTools, m.Role))
            .ToListAsync(cancellationToken);

    public async Task<DeveloperAccount?> FindAccountAsync(string userId, string accountId, CancellationToken cancellationToken) =>
        (await ListAccountsAsync(userId, cancellationToken)).FirstOrDefault(a => a.Id == accountId);

    public async Task<(AppAccess Access, ApplicationView? App)> FindAppAsync(string userId, string clientId, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(clientId, cancellationToken) is not { } app ||
            await FindAccountAsync(userId, app.AccountId, cancellationToken) is not { } account)
        {
            return (AppAccess.NotFound, null);
        }
        return (account.CanManage ? AppAccess.Manage : AppAccess.ViewOnly, app);
    }
}
