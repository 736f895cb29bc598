namespace Spacegate.Server.Cli;

/// <summary>One verb of the `spacegate` CLI, e.g. "apps create".</summary>
public sealed record CliCommand(
    string Name,
    string Summary,
    string Usage,
    Func<CliContext, CliArgs, Task<int>> Run,
    IReadOnlySet<string>? Flags = null)
{
    public IReadOnlySet<string> AllFlags { get; } = new HashSet<string>(["json", "help", .. Flags ?? new HashSet<string>()], StringComparer.OrdinalIgnoreCase);
}
