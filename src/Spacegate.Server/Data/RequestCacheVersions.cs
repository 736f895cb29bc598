using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Spacegate.Server.Data;

/// <summary>
/// The cache counters (<see cref="CacheVersion"/>) as this request sees them: read from the database at most once per
/// request, before any cached copy is used or stored, so a copy is only ever trusted by a request that started after
/// the copy's data was read and before any change to it committed. Sandbox requests get them from the clock's read
/// (<see cref="Clock.SandboxClockMiddleware"/>), which runs anyway; other requests read them here when a cache asks.
/// </summary>
public sealed class RequestCacheVersions(SpacegateDbContext db)
{
    /// <summary>The columns that read both counters, for a statement that wants them beside other values.</summary>
    public const string Columns =
        "(SELECT \"Version\" FROM \"CacheVersions\" WHERE \"Name\" = '" + CacheVersion.Clients + "'), " +
        "(SELECT \"Version\" FROM \"CacheVersions\" WHERE \"Name\" = '" + CacheVersion.Tokens + "')";

    private Versions? read;

    public readonly record struct Versions(long Clients, long Tokens)
    {
        /// <summary>Reads <see cref="Columns"/> from <paramref name="first"/> on; a missing row reads as 0.</summary>
        public static Versions From(DbDataReader reader, int first) => new(
            reader.IsDBNull(first) ? 0 : reader.GetInt64(first),
            reader.IsDBNull(first + 1) ? 0 : reader.GetInt64(first + 1));
    }

    /// <summary>Counters read at the start of this request by a query that had to run anyway.</summary>
    public void Use(Versions value) => read ??= value;

    /// <summary>Client applications and the account flags that decide what they may do.</summary>
    public async ValueTask<long> ClientsAsync(CancellationToken cancellationToken) => (await ReadAsync(cancellationToken)).Clients;

    /// <summary>Access tokens and the grants they belong to (revocation, expiry changes, deletion).</summary>
    public async ValueTask<long> TokensAsync(CancellationToken cancellationToken) => (await ReadAsync(cancellationToken)).Tokens;

    private async ValueTask<Versions> ReadAsync(CancellationToken cancellationToken) =>
        read ??= await DirectSql.For(db, Statements, static db => new DirectSql(db, "SELECT " + Columns))
            .ReadFirstAsync(db, reader => Versions.From(reader, 0), cancellationToken);

    // A read made by most requests: run by DirectSql, without EF Core's query pipeline.
    private static readonly ConditionalWeakTable<IModel, DirectSql> Statements = [];
}
