using Microsoft.Extensions.Options;

namespace Spacegate.Server.OAuth;

/// <summary>Runs <see cref="TokenPruner"/> every <see cref="PruneOptions.Interval"/> on every node (it is idempotent).</summary>
public sealed partial class TokenPruneService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<PruneOptions> options,
    ILogger<TokenPruneService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<TokenPruner>().PruneAsync(stoppingToken);
                Log.Pruned(logger, result.Tokens, result.Grants, result.Rotations);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.PruneFailed(logger, exception);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Pruned {Tokens} tokens, {Grants} grants and {Rotations} rotation records.")]
        public static partial void Pruned(ILogger logger, int tokens, int grants, int rotations);

        [LoggerMessage(EventId = 2202, Level = LogLevel.Error, Message = "Could not prune tokens and grants.")]
        public static partial void PruneFailed(ILogger logger, Exception exception);
    }
}
