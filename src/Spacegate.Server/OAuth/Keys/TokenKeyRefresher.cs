using Microsoft.Extensions.Options;

namespace Spacegate.Server.OAuth.Keys;

/// <summary>
/// On every node: rotates when due (<see cref="TokenKeyOptions.RotateEvery"/>), deletes keys past their
/// retention and reloads the key set, on start and every <see cref="TokenKeyOptions.ReloadInterval"/>.
/// Every step is idempotent, so all nodes may run it at once.
/// </summary>
public sealed partial class TokenKeyRefresher(TokenKeyRing ring, TimeProvider clock, IOptionsMonitor<TokenKeyOptions> options,
    ILogger<TokenKeyRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            Refresh();
            await Task.Delay(options.CurrentValue.ReloadInterval, clock, stoppingToken);
        }
    }

    public void Refresh()
    {
        try
        {
            ring.RotateIfDue();
            ring.Prune();
            ring.Reload();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.RefreshFailed(logger, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2204, Level = LogLevel.Error, Message = "Could not reload, rotate or prune the token keys.")]
        public static partial void RefreshFailed(ILogger logger, Exception exception);
    }
}
