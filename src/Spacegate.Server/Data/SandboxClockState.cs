namespace Spacegate.Server.Data;

/// <summary>The single row holding the sandbox clock offset shared by every node of a database.</summary>
public sealed class SandboxClockState
{
    public int Id { get; set; } = 1;
    public long OffsetSeconds { get; set; }
}
