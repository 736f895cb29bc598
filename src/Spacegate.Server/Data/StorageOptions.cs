using Microsoft.Extensions.Options;

namespace Spacegate.Server.Data;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The database provider. Only "Sqlite" is available in this build.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The SQLite file, created (with its folder) on first start.</summary>
    public string SqlitePath { get; set; } = "data/spacegate.db";

    /// <summary>
    /// Private cache on purpose: in shared-cache mode a table-lock conflict returns SQLITE_LOCKED at once,
    /// which busy_timeout does not cover, and the driver then sleeps 150 ms per retry.
    /// </summary>
    public string BuildSqliteConnectionString() =>
        $"Data Source={Path.GetFullPath(SqlitePath)};Cache=Private;Pooling=True;Default Timeout=30";
}

public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!string.Equals(options.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail($"Storage:Provider '{options.Provider}' is not supported; use 'Sqlite'.");
        }
        return string.IsNullOrWhiteSpace(options.SqlitePath)
            ? ValidateOptionsResult.Fail("Storage:SqlitePath must name a file, e.g. data/spacegate.db.")
            : ValidateOptionsResult.Success;
    }
}
