using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
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
        await using var scope = services.CreateAsyncScope();
        if (!options.Value.IsSandbox)
        {
            var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
            await RefuseDemoDataAsync(db, cancellationToken);
            CheckStoredKeys(scope.ServiceProvider.GetRequiredService<SharedKeys>());
            await WarnOfPlainDataProtectionKeysAsync(db, cancellationToken);
        }
        // Loads the Data Protection key ring, creating its first key if the database has none, while other nodes
        // wait: nodes starting together then share that key instead of each creating one the others cannot read yet.
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Spacegate.Startup").Protect([1]);
        if (!options.Value.IsSandbox || !options.Value.SeedDemoData)
        {
            return;
        }
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        Console.WriteLine(DemoBanner.Text());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Fails now, not at the first request, when the key-encryption key cannot read the stored keys.</summary>
    private void CheckStoredKeys(SharedKeys keys)
    {
        if (keys.VerifyAll() is > 0 and var encrypted)
        {
            Log.EncryptedStoredKeys(logger, encrypted);
        }
    }

    /// <summary>Data Protection never rewrites a stored key: ones written before the key-encryption key stay plain until they expire.</summary>
    private async Task WarnOfPlainDataProtectionKeysAsync(SpacegateDbContext db, CancellationToken cancellationToken)
    {
        var plain = await db.DataProtectionKeys.CountAsync(k => k.Xml != null && !k.Xml.Contains(KeyEncryption.Prefix), cancellationToken);
        if (plain > 0)
        {
            Log.PlainDataProtectionKeys(logger, plain);
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
        [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applying database migrations to {Database}.")]
        public static partial void Migrating(ILogger logger, string database);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Encrypted {Count} stored keys under Spacegate:KeyEncryptionKey.")]
        public static partial void EncryptedStoredKeys(ILogger logger, int count);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "{Count} Data Protection keys in the database were stored " +
            "before Spacegate:KeyEncryptionKey was set and are not encrypted. Delete them (users sign in again) or let them expire.")]
        public static partial void PlainDataProtectionKeys(ILogger logger, int count);
    }
}
