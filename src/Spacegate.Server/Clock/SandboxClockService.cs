using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;

namespace Spacegate.Server.Clock;

/// <summary>Reads and moves the shared sandbox clock offset.</summary>
public sealed class SandboxClockService(SpacegateDbContext db)
{
    // Read on every sandbox request (SandboxClockMiddleware), so compiled once.
    private static readonly Func<SpacegateDbContext, Task<long>> ReadOffsetSeconds =
        EF.CompileAsyncQuery((SpacegateDbContext db) => db.SandboxClock.Where(c => c.Id == 1).Select(c => c.OffsetSeconds).FirstOrDefault());

    public async Task<TimeSpan> GetOffsetAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return TimeSpan.FromSeconds(await ReadOffsetSeconds(db));
    }

    public async Task<TimeSpan> AdvanceAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        var state = await db.SandboxClock.FirstOrDefaultAsync(c => c.Id == 1, cancellationToken);
        if (state is null)
        {
            state = new SandboxClockState();
            db.SandboxClock.Add(state);
        }
        state.OffsetSeconds += (long)by.TotalSeconds;
        await db.SaveChangesAsync(cancellationToken);
        return TimeSpan.FromSeconds(state.OffsetSeconds);
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
