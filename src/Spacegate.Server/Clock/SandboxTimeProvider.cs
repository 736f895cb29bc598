namespace Spacegate.Server.Clock;

/// <summary>
/// The server's only clock. In the sandbox it runs ahead of real time by the offset stored in the
/// database (moved with `spacegate clock advance`); in production the offset is never applied.
/// </summary>
public sealed class SandboxTimeProvider(TimeProvider inner, bool sandbox) : TimeProvider
{
    private long _offsetTicks;

    public bool IsSandbox => sandbox;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void SetOffset(TimeSpan offset)
    {
        if (sandbox)
        {
            Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
        }
    }

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
}
