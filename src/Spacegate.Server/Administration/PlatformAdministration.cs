using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Applications;
using Spacegate.Server.Audit;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;
using Spacegate.Server.Grants;

namespace Spacegate.Server.Administration;

/// <summary>What a platform admin operates: the production approval queue and the accounts' flags.</summary>
public sealed class PlatformAdministration(SpacegateDbContext db, ApplicationService applications, GrantRevocationService revocation,
    AuditLog audit)
{
    public Task<List<AccountFlagsView>> ListAccountsAsync(CancellationToken cancellationToken) =>
        db.Accounts.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new AccountFlagsView(a.Id, a.Name, a.DeveloperTools, a.Enterprise, a.PmeEnabled,
                a.Members.Count, db.Applications.Count(x => x.AccountId == a.Id)))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Sets the account's flags (a null flag keeps its value). Turning Private Model Embed off revokes, at once,
    /// the client_credentials tokens of the account's apps and every embed token minted with them: a published
    /// embed link stops loading on its next request. Returns false when the account does not exist.
    /// </summary>
    public async Task<bool> SetFlagsAsync(string accountId, bool? developerTools, bool? enterprise, bool? pmeEnabled, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return false;
        }
        var pmeTurnedOff = account.PmeEnabled && pmeEnabled == false;
        var before = new { account.DeveloperTools, account.Enterprise, account.PmeEnabled };
        account.DeveloperTools = developerTools ?? account.DeveloperTools;
        account.Enterprise = enterprise ?? account.Enterprise;
        account.PmeEnabled = pmeEnabled ?? account.PmeEnabled;
        var after = new { account.DeveloperTools, account.Enterprise, account.PmeEnabled };
        if (!after.Equals(before))
        {
            audit.Add(AuditActions.AccountFlagsChanged, accountId, targetId: accountId, details: new { before, after });
        }
        await db.SaveChangesAsync(cancellationToken);
        if (pmeTurnedOff)
        {
            await revocation.RevokeAppTokensOfAccountAsync(accountId, cancellationToken);
        }
        return true;
    }

    /// <summary>
    /// Approves only an app that is waiting in the queue, so a stale page cannot promote an app whose
    /// developers never asked (the CLI's <c>apps approve</c> may still approve directly).
    /// </summary>
    public async Task<ApplicationResult> ApprovePendingAsync(string clientId, CancellationToken cancellationToken)
    {
        var mode = await db.Applications.AsNoTracking().Where(a => a.ClientId == clientId)
            .Select(a => (ApplicationMode?)a.Mode).FirstOrDefaultAsync(cancellationToken);
        return mode == ApplicationMode.Pending
            ? await applications.ApproveAsync(clientId, null, cancellationToken)
            : ApplicationResult.Fail("This application is not waiting for approval (any more).");
    }
}
