using System.CommandLine;
using Microsoft.Extensions.Options;
using Spacegate.Server.Data;
using Spacegate.Server.ModelApi;

namespace Spacegate.Server.Cli;

/// <summary>
/// Runs one verb against the server's own services: builds the app exactly as the server does (so
/// --Storage:… settings, environment variables and appsettings.json apply), migrates, and maps failures to exit codes.
/// </summary>
public sealed class CliHost(Action<WebApplicationBuilder>? configure, IReadOnlyList<string> settings, TextWriter output, TextWriter error)
{
    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;

    public async Task<int> RunAsync(bool json, bool migrate, Func<CliContext, Task<int>> run, CancellationToken cancellationToken)
    {
        WebApplication? app = null;
        try
        {
            app = Program.BuildApp(["--urls", "http://127.0.0.1:0", .. settings], configure);
            var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
            if (migrate)
            {
                await app.Services.MigrateAsync(cancellationToken);
            }
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Audit.AuditActor>().Name = Audit.AuditActions.CliActor;
            if (!json)
            {
                Error.WriteLine($"(database: {storage.Describe()})");
            }
            return await run(new CliContext(scope.ServiceProvider, Output, json, cancellationToken));
        }
        catch (CliException e)
        {
            Error.WriteLine(e.Message);
            return CliExitCodes.Failure;
        }
        catch (ApiError e)
        {
            Error.WriteLine(e.Message);
            return CliExitCodes.Failure;
        }
        catch (OptionsValidationException e)
        {
            Error.WriteLine($"Configuration error: {e.Message}");
            return CliExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Error.WriteLine("Cancelled.");
            return CliExitCodes.Cancelled;
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }
}
