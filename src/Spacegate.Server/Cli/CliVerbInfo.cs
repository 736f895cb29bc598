namespace Spacegate.Server.Cli;

/// <summary>A verb as its help shows it: the full name ("apps create"), its options (--name …) and positional arguments.</summary>
public sealed record CliVerbInfo(string Name, IReadOnlyList<string> Options, IReadOnlyList<string> Arguments);
