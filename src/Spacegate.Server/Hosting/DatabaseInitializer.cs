using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Spacegate.Server.Data;
using Spacegate.Server.OAuth;
using Spacegate.Server.Seeding;

namespace Spacegate.Server.Hosting;

/// <summary>Applies migrations before the server accepts requests, then seeds the sandbox's demo data.</summary>
public sealed partial class DatabaseInitializer(IServiceProvider services, IOptions<SpacegateOptions> options, IOptions<StorageOptions> storage,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Log.Migrating(logger, storage.Value.SqlitePath);
        await services.MigrateAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        if (!options.Value.IsSandbox)
        {
            var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
            await RefuseDemoDataAsync(db, cancellationToken);
            await CheckStoredKeysAsync(db, scope.ServiceProvider.GetRequiredService<KeyEncryption>(), cancellationToken);
            return;
        }
        if (!options.Value.SeedDemoData)
        {
            return;
        }
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        Console.WriteLine(DemoBanner.Text());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Fails now, not at the first request, when the key-encryption key cannot read the stored keys.</summary>
    private static async Task CheckStoredKeysAsync(SpacegateDbContext db, KeyEncryption encryption, CancellationToken cancellationToken)
    {
        foreach (var row in await db.ServerKeys.AsNoTracking().ToListAsync(cancellationToken))
        {
            encryption.Unprotect(row.Pem, row.Purpose);
        }
    }

    /// <summary>A database first run as a sandbox holds users and apps whose passwords and secrets are published.</summary>
    private static async Task RefuseDemoDataAsync(SpacegateDbContext db, CancellationToken cancellationToken)
    {
        string[] demoApps = [DemoData.AcmeAppClientId, DemoData.GlobexAppClientId];
        var demoEmails = DemoData.Users.Select(u => u.Email.ToUpperInvariant()).ToList();
        if (await db.Applications.AnyAsync(a => demoApps.Contains(a.ClientId), cancellationToken) ||
            await db.Users.AnyAsync(u => demoEmails.Contains(u.NormalizedEmail!), cancellationToken))
        {
            throw new InvalidOperationException(
                "Spacegate:Mode is Production but the database holds the sandbox's demo users or apps, whose passwords and " +
                "secrets are published. Start production on a fresh database (Storage:SqlitePath / Storage:ConnectionString).");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applying database migrations to {Path}.")]
        public static partial void Migrating(ILogger logger, string path);
    }
}
