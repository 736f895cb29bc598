namespace Spacegate.Server.Clock;

/// <summary>
/// Polls the shared offset for work done outside requests (background jobs, logs); requests read it
/// themselves (<see cref="SandboxClockMiddleware"/>).
/// </summary>
public sealed partial class SandboxClockRefresher(SandboxTimeProvider clock, IServiceScopeFactory scopes, ILogger<SandboxClockRefresher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var offset = await scope.ServiceProvider.GetRequiredService<SandboxClockService>().GetOffsetAsync(cancellationToken);
        if (clock.SetOffset(offset))
        {
            Log.ClockMoved(logger, SandboxClockService.Format(offset));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!clock.IsSandbox)
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.RefreshFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "The sandbox clock is now ahead of real time by {Offset}.")]
        public static partial void ClockMoved(ILogger logger, string offset);

        [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Could not read the sandbox clock offset.")]
        public static partial void RefreshFailed(ILogger logger, Exception exception);
    }
}
