using System.CommandLine;
using Microsoft.Extensions.Options;
using Spacegate.Server.Clock;
using Spacegate.Server.OAuth;

namespace Spacegate.Server.Cli;

/// <summary>The sandbox clock: lets integrators watch tokens expire and refresh tokens turn stale without waiting.</summary>
public static class ClockCommands
{
    public static Command Create(CliHost host) =>
        new Command("clock", "The sandbox clock, shared by every node of this database.").With(Show(host), Advance(host), Reset(host));

    private static Command Show(CliHost host) =>
        new Command("show", "Show how far the sandbox clock runs ahead of real time.").Runs(host, async (context, _) =>
        {
            RequireSandbox(context);
            var offset = await context.Get<SandboxClockService>().GetOffsetAsync(context.CancellationToken);
            var now = context.Get<SandboxTimeProvider>().GetUtcNow() + offset; // this process does not poll the offset itself
            context.Print(new { offsetSeconds = (long)offset.TotalSeconds, offset = SandboxClockService.Format(offset), sandboxNow = now },
                offset == TimeSpan.Zero ? "The sandbox clock runs at real time." : $"The sandbox clock is ahead by {SandboxClockService.Format(offset)} (sandbox time {now:u}).");
            return CliExitCodes.Ok;
        });

    private static Command Advance(CliHost host)
    {
        var duration = CliOptions.DurationArgument("DURATION", "How far to move it, e.g. 25h, 90m, P1D (at most 365 days).", TimeSpan.FromDays(365));
        return new Command("advance", "Move the sandbox clock forward for every node of this database (e.g. 25h, 90m, P1D).")
            .With(duration)
            .Runs(host, async (context, parse) =>
            {
                RequireSandbox(context);
                var offset = await context.Get<SandboxClockService>().AdvanceAsync(parse.GetValue(duration), context.CancellationToken);
                context.Print(new { offsetSeconds = (long)offset.TotalSeconds, offset = SandboxClockService.Format(offset) },
                    $"The sandbox clock is now ahead by {SandboxClockService.Format(offset)}; every running server uses it from its next request on.");
                return CliExitCodes.Ok;
            });
    }

    private static Command Reset(CliHost host) =>
        new Command("reset", "Put the sandbox clock back to real time.").Runs(host, async (context, _) =>
        {
            RequireSandbox(context);
            await context.Get<SandboxClockService>().ResetAsync(context.CancellationToken);
            context.Print(new { offsetSeconds = 0 }, "The sandbox clock is back to real time.");
            return CliExitCodes.Ok;
        });

    private static void RequireSandbox(CliContext context)
    {
        if (!context.Get<IOptions<SpacegateOptions>>().Value.IsSandbox)
        {
            throw new CliException("The sandbox clock is not available: this server runs in production configuration (Spacegate:Mode=Production), where the clock is always real time.");
        }
    }
}
