using Microsoft.Extensions.Options;
using Npgsql;

namespace Spacegate.Server.Data;

public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSQL";

    /// <summary>The database provider: "Sqlite" (default, one node) or "PostgreSQL" (several nodes may share it).</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>The SQLite file, created (with its folder) on first start.</summary>
    public string SqlitePath { get; set; } = "data/spacegate.db";

    /// <summary>An Npgsql connection string (PostgreSQL only). The database must exist; migrations create the tables.</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Private cache on purpose: in shared-cache mode a table-lock conflict returns SQLITE_LOCKED at once,
    /// which busy_timeout does not cover, and the driver then sleeps 150 ms per retry.
    /// </summary>
    public string BuildSqliteConnectionString() =>
        $"Data Source={Path.GetFullPath(SqlitePath)};Cache=Private;Pooling=True;Default Timeout=30";

    /// <summary>Where the data lives, for logs and the CLI: the file, or host/port/database (never the password).</summary>
    public string Describe()
    {
        if (!IsPostgreSql)
        {
            return Path.GetFullPath(SqlitePath);
        }
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }
}

public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (options.IsPostgreSql)
        {
            return ValidatePostgreSql(options.ConnectionString);
        }
        if (!string.Equals(options.Provider, StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail(
                $"Storage:Provider '{options.Provider}' is not supported; use '{StorageOptions.Sqlite}' or '{StorageOptions.PostgreSql}'.");
        }
        return string.IsNullOrWhiteSpace(options.SqlitePath)
            ? ValidateOptionsResult.Fail("Storage:SqlitePath must name a file, e.g. data/spacegate.db.")
            : ValidateOptionsResult.Success;
    }

    private static ValidateOptionsResult ValidatePostgreSql(string? connectionString)
    {
        const string Example = "e.g. Host=db;Database=spacegate;Username=spacegate;Password=...";
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return ValidateOptionsResult.Fail(
                $"Storage:Provider is PostgreSQL but Storage:ConnectionString (Storage__ConnectionString) is empty; set an Npgsql connection string, {Example}.");
        }
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // The message names the bad keyword; the connection string itself may hold a password, so it is not repeated.
            return ValidateOptionsResult.Fail($"Storage:ConnectionString is not a valid Npgsql connection string: {e.Message}");
        }
        if (string.IsNullOrWhiteSpace(builder.Host) || string.IsNullOrWhiteSpace(builder.Database))
        {
            return ValidateOptionsResult.Fail($"Storage:ConnectionString must name a Host and a Database, {Example}.");
        }
        return ValidateOptionsResult.Success;
    }
}
