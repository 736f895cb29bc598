using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Data;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Storage;

/// <summary>
/// The per-connection pragmas are set once per native connection of the driver's pool, yet every connection a
/// request gets, new or reused, has them (a writer that waits instead of failing with SQLITE_BUSY).
/// </summary>
public sealed class SqliteWalInterceptorTests
{
    [SqliteFact]
    public async Task SqliteWalInterceptor_EveryPooledConnection_HasThePragmas()
    {
        await using var server = await TestServer.StartAsync();
        // Several contexts open at once force the pool to create several native connections; then each is reused.
        for (var round = 0; round < 3; round++)
        {
            var scopes = Enumerable.Range(0, 4).Select(_ => server.Services.CreateAsyncScope()).ToList();
            try
            {
                foreach (var scope in scopes)
                {
                    var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
                    await db.Database.OpenConnectionAsync();
                    var connection = (SqliteConnection)db.Database.GetDbConnection();
                    Assert.Equal(30000L, await ScalarAsync(connection, "PRAGMA busy_timeout"));
                    Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA synchronous")); // NORMAL
                    Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
                }
            }
            finally
            {
                foreach (var scope in scopes)
                {
                    await scope.DisposeAsync();
                }
            }
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
