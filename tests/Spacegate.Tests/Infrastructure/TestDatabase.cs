using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Spacegate.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test server (or several sharing it), removed on dispose. The provider comes from
/// the environment: SPACEGATE_TEST_PROVIDER=PostgreSQL with SPACEGATE_TEST_PG set to a connection string of a role that
/// may create databases (see .ci/pg-start.sh) gives each one its own PostgreSQL database; otherwise a SQLite file.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ProviderVariable = "SPACEGATE_TEST_PROVIDER";
    public const string ConnectionVariable = "SPACEGATE_TEST_PG";

    private readonly string? _folder;
    private readonly string? _databaseName;

    /// <summary>True when this run of the suite targets PostgreSQL.</summary>
    public static bool UsePostgreSql { get; } =
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "PostgreSQL", StringComparison.OrdinalIgnoreCase);

    /// <summary>The settings (Storage:*) that point a server or the CLI at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>The SQLite file, or null on PostgreSQL.</summary>
    public string? SqlitePath { get; }

    /// <summary>What names this database in a connection string: the SQLite file or the PostgreSQL database name.</summary>
    public string Name => SqlitePath ?? _databaseName!;

    /// <summary>The Npgsql connection string, or null on SQLite.</summary>
    public string? ConnectionString { get; }

    private TestDatabase(string? folder, string? sqlitePath, string? databaseName, string? connectionString)
    {
        _folder = folder;
        SqlitePath = sqlitePath;
        _databaseName = databaseName;
        ConnectionString = connectionString;
        Settings = connectionString is null
            ? new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite", ["Storage:SqlitePath"] = sqlitePath }
            : new Dictionary<string, string?> { ["Storage:Provider"] = "PostgreSQL", ["Storage:ConnectionString"] = connectionString };
    }

    public static async Task<TestDatabase> CreateAsync()
    {
        if (!UsePostgreSql)
        {
            var folder = Path.Combine(Path.GetTempPath(), "spacegate-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            return new TestDatabase(folder, Path.Combine(folder, "spacegate.db"), null, null);
        }
        var name = "spacegate_test_" + Guid.NewGuid().ToString("N");
        await using (var admin = await OpenAdminAsync())
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin))
        {
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return new TestDatabase(null, null, name, builder.ConnectionString);
    }

    /// <summary>Copies <see cref="Settings"/> into a server's or the CLI's configuration.</summary>
    public void Apply(IConfiguration configuration)
    {
        foreach (var (key, value) in Settings)
        {
            configuration[key] = value;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_databaseName is not null)
        {
            // Pooled idle connections would keep the database in use; FORCE ends any that are left.
            await using (var pooled = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(pooled);
            }
            await DropAsync(_databaseName);
            return;
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder!, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task DropAsync(string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var admin = await OpenAdminAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            // A background process (autovacuum) may hold the database for a moment; a role without pg_signal_backend
            // cannot end it, so wait for it to finish.
            catch (PostgresException e) when (attempt < 20
                && e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
    }

    private static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{ProviderVariable}=PostgreSQL needs {ConnectionVariable}: a connection string of a role that may create databases (see .ci/pg-start.sh).");

    private static async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
