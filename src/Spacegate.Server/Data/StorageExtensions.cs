using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Spacegate.Server.Data;

public static class StorageExtensions
{
    public static IHostApplicationBuilder AddSpacegateStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .Bind(builder.Configuration.GetSection(StorageOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        builder.Services.AddSingleton<SqliteWalInterceptor>();
        builder.Services.AddScoped<RequestCacheVersions>();
        // First hosted service: the database must exist before Data Protection or anything else reads it.
        builder.Services.AddHostedService<Hosting.DatabaseInitializer>();

        // The context type decides which migrations apply, so it is chosen here; a bad provider name falls back to
        // SQLite's registration and is refused by StorageOptionsValidator before anything runs.
        var provider = builder.Configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.Provider)}"];
        if (string.Equals(provider, StorageOptions.PostgreSql, StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddDbContextPool<SpacegateDbContext, PostgreSqlDbContext>((sp, options) =>
            {
                var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
                options.UseNpgsql(storage.ConnectionString);
                options.UseOpenIddict<OAuthApplication, OAuthGrant, OAuthScope, OAuthToken, string>();
            });
            return builder;
        }
        builder.Services.AddDbContextPool<SpacegateDbContext>((sp, options) =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            options.UseSqlite(storage.BuildSqliteConnectionString());
            options.AddInterceptors(sp.GetRequiredService<SqliteWalInterceptor>());
            options.UseOpenIddict<OAuthApplication, OAuthGrant, OAuthScope, OAuthToken, string>();
        });
        return builder;
    }

    /// <summary>Applies every pending migration, holding the <see cref="StorageLock"/> while it does.</summary>
    public static async Task MigrateAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        await using var storageLock = await StorageLock.AcquireAsync(storage, cancellationToken);
        await services.MigrateUnlockedAsync(cancellationToken);
    }

    /// <summary>Applies every pending migration; the caller holds the <see cref="StorageLock"/>.</summary>
    public static async Task MigrateUnlockedAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (!storage.IsPostgreSql)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(storage.SqlitePath));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL is a property of the file: set once here rather than on every connection open.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
