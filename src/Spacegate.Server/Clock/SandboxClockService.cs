using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;

namespace Spacegate.Server.Clock;

/// <summary>Reads and moves the shared sandbox clock offset.</summary>
public sealed class SandboxClockService(SpacegateDbContext db)
{
    /// <summary>The shared offset (zero before the first advance).</summary>
    public async Task<TimeSpan> GetOffsetAsync(CancellationToken cancellationToken) =>
        (await GetOffsetAndCacheVersionsAsync(cancellationToken)).Offset;

    /// <summary>
    /// What each sandbox request reads first, in one query: the clock offset, and the cache counters that the caches
    /// (OAuth/ClientCache, ModelApi/BearerTokenCache) would otherwise read in a query of their own. Run by
    /// <see cref="DirectSql"/>: it is the one statement every sandbox request makes. Always one row; a missing row reads as 0.
    /// </summary>
    public async Task<(TimeSpan Offset, RequestCacheVersions.Versions Versions)> GetOffsetAndCacheVersionsAsync(CancellationToken cancellationToken)
    {
        var row = await DirectSql.For(db, OffsetAndCacheVersions, static db => new DirectSql(db,
                "SELECT (SELECT \"OffsetSeconds\" FROM \"SandboxClock\" WHERE \"Id\" = 1), " + RequestCacheVersions.Columns))
            .ReadFirstAsync(db, reader => (Offset: reader.IsDBNull(0) ? 0 : reader.GetInt64(0),
                Versions: RequestCacheVersions.Versions.From(reader, 1)), cancellationToken);
        return (TimeSpan.FromSeconds(row.Offset), row.Versions);
    }

    // One statement per model: a process may hold servers of both providers (the test suite does).
    private static readonly ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, DirectSql> OffsetAndCacheVersions = [];

    /// <summary>
    /// Adds <paramref name="by"/> in one statement, so that advances made at once (on several nodes) all count
    /// instead of overwriting each other; the row is created by the first advance.
    /// </summary>
    public async Task<TimeSpan> AdvanceAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        var seconds = (long)by.TotalSeconds;
        var updated = await db.SandboxClock.Where(c => c.Id == 1)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.OffsetSeconds, c => c.OffsetSeconds + seconds), cancellationToken);
        if (updated == 0)
        {
            db.SandboxClock.Add(new SandboxClockState { OffsetSeconds = seconds });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                // Another request created the row first: add to it instead.
                db.ChangeTracker.Clear();
                await db.SandboxClock.Where(c => c.Id == 1)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.OffsetSeconds, c => c.OffsetSeconds + seconds), cancellationToken);
            }
        }
        return await GetOffsetAsync(cancellationToken);
    }

    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        await db.SandboxClock.Where(c => c.Id == 1).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>"25h", "1d 2h", "0s": how the offset is shown on pages and by the CLI.</summary>
    public static string Format(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero)
        {
            return "0s";
        }
        var parts = new List<string>();
        if (offset.Days > 0) parts.Add($"{offset.Days}d");
        if (offset.Hours > 0) parts.Add($"{offset.Hours}h");
        if (offset.Minutes > 0) parts.Add($"{offset.Minutes}m");
        if (offset.Seconds > 0) parts.Add($"{offset.Seconds}s");
        return string.Join(' ', parts);
    }
}
