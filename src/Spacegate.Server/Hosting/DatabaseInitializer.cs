using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Spacegate.Server.Data;
using Spacegate.Server.OAuth;
using Spacegate.Server.Seeding;

namespace Spacegate.Server.Hosting;

/// <summary>
/// Applies migrations before the server accepts requests, then seeds the sandbox's demo data, both under the
/// <see cref="StorageLock"/>: nodes starting at once on one empty PostgreSQL database migrate and seed it once.
/// </summary>
public sealed partial class DatabaseInitializer(IServiceProvider services, IOptions<SpacegateOptions> options, IOptions<StorageOptions> storage,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Log.Migrating(logger, storage.Value.Describe());
        await using var storageLock = await StorageLock.AcquireAsync(storage.Value, cancellationToken);
        await services.MigrateUnlockedAsync(cancellationToken);
        // Loads the Data Protection key ring, creating its first key if the database has none, while other nodes
        // wait: nodes starting together then share that key instead of each creating one the others cannot read yet.
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Spacegate.Startup").Protect([1]);
        if (!options.Value.IsSandbox || !options.Value.SeedDemoData)
        {
            return;
        }
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        Console.WriteLine(DemoBanner.Text());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applying database migrations to {Database}.")]
        public static partial void Migrating(ILogger logger, string database);
    }
}
