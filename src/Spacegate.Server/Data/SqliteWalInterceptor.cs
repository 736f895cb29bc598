using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Spacegate.Server.Data;

/// <summary>
/// busy_timeout makes concurrent writers wait inside SQLite instead of failing with SQLITE_BUSY, which
/// matters when several requests write tokens at once (WAL mode itself is set once, at migration).
/// mmap_size lets every pooled connection read the file through the shared OS page cache instead of
/// copying pages into its own small cache, which makes scans (substring searches) much cheaper.
/// The pragmas belong to the native connection, which the driver's pool keeps open and hands out again and again,
/// so they run once per native connection, not on every open (that was one extra statement per query).
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

    private static readonly ConditionalWeakTable<sqlite3, object> Prepared = new();

    private static void Apply(System.Data.Common.DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } || Prepared.TryGetValue(handle, out _))
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA mmap_size=268435456;";
        command.ExecuteNonQuery();
        Prepared.AddOrUpdate(handle, Prepared);
    }
}
