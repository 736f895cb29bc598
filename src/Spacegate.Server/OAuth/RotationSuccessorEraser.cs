namespace Spacegate.Server.OAuth;

/// <summary>Runs <see cref="RotationRecords.EraseExpiredSuccessorsAsync"/> every few seconds on every node (it is idempotent).</summary>
public sealed partial class RotationSuccessorEraser(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RotationSuccessorEraser> logger)
    : BackgroundService
{
    /// <summary>How late after its leeway a successor may still be erased.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RotationRecords>().EraseExpiredSuccessorsAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.EraseFailed(logger, exception);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Could not erase the refresh token successors whose reuse leeway has passed.")]
        public static partial void EraseFailed(ILogger logger, Exception exception);
    }
}
