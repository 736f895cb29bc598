using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
        // First hosted service: the database must exist before Data Protection or anything else reads it.
        builder.Services.AddHostedService<Hosting.DatabaseInitializer>();

        builder.Services.AddDbContextPool<SpacegateDbContext>((sp, options) =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            options.UseSqlite(storage.BuildSqliteConnectionString());
            options.AddInterceptors(sp.GetRequiredService<SqliteWalInterceptor>());
            options.UseOpenIddict<OAuthApplication, OAuthGrant, OAuthScope, OAuthToken, string>();
        });
        return builder;
    }

    /// <summary>Creates the database folder and applies every pending migration.</summary>
    public static async Task MigrateAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var folder = Path.GetDirectoryName(Path.GetFullPath(storage.SqlitePath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        // WAL is a property of the file: set once here rather than on every connection open.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}

/// <summary>
/// busy_timeout makes concurrent writers wait inside SQLite instead of failing with SQLITE_BUSY, which
/// matters when several requests write tokens at once (WAL mode itself is set once, at migration).
/// mmap_size lets every pooled connection read the file through the shared OS page cache instead of
/// copying pages into its own small cache, which makes scans (substring searches) much cheaper.
/// </summary>
public sealed class SqliteWalInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData) =>
        Apply(connection);

    public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(System.Data.Common.DbConnection connection)
    {
        if (connection is not SqliteConnection)
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA mmap_size=268435456;";
        command.ExecuteNonQuery();
    }
}
