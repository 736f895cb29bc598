using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;

namespace Spacegate.Server.OAuth.ClientCache;

/// <summary>An account's Private Model Embed flag as the token endpoint needs it, cached like its applications.</summary>
public sealed class ClientAccountFlags(SpacegateDbContext db, RequestCacheVersions versions, ClientSnapshots snapshots)
{
    public async ValueTask<bool> IsPmeEnabledAsync(string accountId, CancellationToken cancellationToken)
    {
        var current = await versions.ClientsAsync(cancellationToken);
        if (snapshots.FindPmeEnabled(accountId, current) is { } known)
        {
            return known;
        }
        var enabled = await db.Accounts.AsNoTracking()
            .Where(a => a.Id == accountId).Select(a => a.PmeEnabled).FirstOrDefaultAsync(cancellationToken);
        snapshots.StorePmeEnabled(accountId, enabled, current);
        return enabled;
    }
}
