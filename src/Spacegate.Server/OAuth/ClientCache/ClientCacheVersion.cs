using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;

namespace Spacegate.Server.OAuth.ClientCache;

/// <summary>
/// The clients counter (<see cref="CacheVersion.Clients"/>) as this request sees it: read from the database at most
/// once per request, before any cached copy is used or stored, so a copy is only ever trusted by a request that
/// started after the copy's data was read and before any change to it committed.
/// </summary>
public sealed class ClientCacheVersion(SpacegateDbContext db)
{
    private long? version;

    /// <summary>A value read at the start of this request by a query that had to run anyway (the sandbox clock's).</summary>
    public void Use(long value) => version ??= value;

    public async ValueTask<long> GetAsync(CancellationToken cancellationToken) =>
        version ??= await db.CacheVersions.AsNoTracking()
            .Where(v => v.Name == CacheVersion.Clients).Select(v => v.Version).FirstOrDefaultAsync(cancellationToken);
}
