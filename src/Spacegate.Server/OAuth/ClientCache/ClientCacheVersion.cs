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
        version ??= await DirectSql.For(db, Statements, static db => new DirectSql(db,
                "SELECT \"Version\" FROM \"CacheVersions\" WHERE \"Name\" = '" + CacheVersion.Clients + "'"))
            .ReadFirstAsync(db, reader => reader.GetInt64(0), cancellationToken);

    // A primary-key read made by most requests: run by DirectSql, without EF Core's query pipeline.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, DirectSql> Statements = [];
}
