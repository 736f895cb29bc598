using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Spacegate.Server.Data;

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
