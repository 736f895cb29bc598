using Microsoft.Extensions.Options;
using Spacegate.Server.OAuth;

namespace Spacegate.Server.Hosting;

/// <summary>Refuses to start an unsafe configuration before any hosted service runs or Kestrel binds a socket.</summary>
public sealed class SafeStartupCheck(SafeStartupValidator validator, IOptions<SpacegateOptions> options) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var result = validator.Validate(Options.DefaultName, options.Value);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SpacegateOptions), result.Failures);
        }
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
