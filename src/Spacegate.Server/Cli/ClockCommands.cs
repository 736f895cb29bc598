using Microsoft.Extensions.Options;
using Spacegate.Server.Clock;
using Spacegate.Server.Durations;
using Spacegate.Server.OAuth;

namespace Spacegate.Server.Cli;

/// <summary>The sandbox clock: lets integrators watch tokens expire and refresh tokens turn stale without waiting.</summary>
public static class ClockCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("clock show", "Show how far the sandbox clock runs ahead of real time.", "clock show [--json]", ShowAsync),
        new("clock advance", "Move the sandbox clock forward for every node of this database (e.g. 25h, 90m, P1D).",
            "clock advance DURATION [--json]", AdvanceAsync),
        new("clock reset", "Put the sandbox clock back to real time.", "clock reset [--json]", ResetAsync),
    ];

    private static void RequireSandbox(CliContext context)
    {
        if (!context.Get<IOptions<SpacegateOptions>>().Value.IsSandbox)
        {
            throw new CliException("The sandbox clock is not available: this server runs in production configuration (Spacegate:Mode=Production), where the clock is always real time.");
        }
    }

    private static async Task<int> ShowAsync(CliContext context, CliArgs args)
    {
        RequireSandbox(context);
        var offset = await context.Get<SandboxClockService>().GetOffsetAsync(context.CancellationToken);
        var now = context.Get<SandboxTimeProvider>().GetUtcNow() + offset; // this process does not poll the offset itself
        context.Print(new { offsetSeconds = (long)offset.TotalSeconds, offset = SandboxClockService.Format(offset), sandboxNow = now },
            offset == TimeSpan.Zero ? "The sandbox clock runs at real time." : $"The sandbox clock is ahead by {SandboxClockService.Format(offset)} (sandbox time {now:u}).");
        return 0;
    }

    private static async Task<int> AdvanceAsync(CliContext context, CliArgs args)
    {
        RequireSandbox(context);
        var parsed = DurationParser.Parse(args.Positional(0, "DURATION (e.g. 25h)"), TimeSpan.FromDays(365));
        if (!parsed.Success)
        {
            throw new CliException(parsed.Error!);
        }
        var offset = await context.Get<SandboxClockService>().AdvanceAsync(parsed.Value!.Value, context.CancellationToken);
        context.Print(new { offsetSeconds = (long)offset.TotalSeconds, offset = SandboxClockService.Format(offset) },
            $"The sandbox clock is now ahead by {SandboxClockService.Format(offset)}; every running server uses it from its next request on.");
        return 0;
    }

    private static async Task<int> ResetAsync(CliContext context, CliArgs args)
    {
        RequireSandbox(context);
        await context.Get<SandboxClockService>().ResetAsync(context.CancellationToken);
        context.Print(new { offsetSeconds = 0 }, "The sandbox clock is back to real time.");
        return 0;
    }
}
