using Npgsql;

namespace Spacegate.Server.Data;

/// <summary>
/// Serialises start-up work (migrations, then demo seeding) between nodes sharing one PostgreSQL database: a
/// session-level advisory lock on a connection of its own, held until disposed. Nodes that start together wait
/// for each other, so only the first migrates and seeds, and the others find everything done. SQLite has one
/// node per file, so there is nothing to take.
/// </summary>
public sealed class StorageLock : IAsyncDisposable
{
    /// <summary>The advisory lock key: "Spacegat" as a 64-bit number, unlikely to collide with another application's.</summary>
    public const long Key = 0x5370616365676174;

    private readonly NpgsqlConnection? _connection;

    private StorageLock(NpgsqlConnection? connection) => _connection = connection;

    public static async Task<StorageLock> AcquireAsync(StorageOptions storage, CancellationToken cancellationToken)
    {
        if (!storage.IsPostgreSql)
        {
            return new StorageLock(null);
        }
        // No pooling: closing this connection must end its session, which also releases the lock if unlocking failed.
        var builder = new NpgsqlConnectionStringBuilder(storage.ConnectionString) { Pooling = false, CommandTimeout = 0 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new StorageLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null)
        {
            return;
        }
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", _connection);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
