namespace Spacegate.Server.Cli;

/// <summary>What a `spacegate` verb's exit code means.</summary>
public static class CliExitCodes
{
    /// <summary>Done (also for --help).</summary>
    public const int Ok = 0;

    /// <summary>The verb ran and could not do it: unknown id, a rule refused the input, a configuration error.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong: unknown verb or option, missing or badly typed value. Nothing ran.</summary>
    public const int UsageError = 2;

    /// <summary>Stopped by Ctrl+C (SIGINT) or SIGTERM; work committed before then stays.</summary>
    public const int Cancelled = 130;
}
