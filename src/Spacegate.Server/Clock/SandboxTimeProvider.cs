namespace Spacegate.Server.Clock;

/// <summary>
/// The server's only clock. In the sandbox it runs ahead of real time by the offset stored in the
/// database (moved with `spacegate clock advance`); in production the offset is never applied.
/// </summary>
public sealed class SandboxTimeProvider(TimeProvider inner, bool sandbox) : TimeProvider
{
    private readonly AsyncLocal<TimeSpan?> _requestOffset = new();
    private long _offsetTicks;

    public bool IsSandbox => sandbox;

    /// <summary>
    /// The offset in effect here: inside a request, the one read from the database when the request
    /// started (<see cref="SandboxClockMiddleware"/>); elsewhere, the one last polled.
    /// </summary>
    public TimeSpan Offset => _requestOffset.Value ?? TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Sets the offset used outside requests (background work); true when it changed.</summary>
    public bool SetOffset(TimeSpan offset) =>
        sandbox && Interlocked.Exchange(ref _offsetTicks, offset.Ticks) != offset.Ticks;

    /// <summary>
    /// Pins the offset for the rest of the current request: a request that started after `clock advance`
    /// returned sees the moved clock, whatever another request or the poller does meanwhile.
    /// </summary>
    public void UseOffsetForCurrentRequest(TimeSpan offset)
    {
        if (sandbox)
        {
            _requestOffset.Value = offset;
        }
    }

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
}
