using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Clock;
using Spacegate.Server.Data;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Storage;

/// <summary>
/// DirectSql: one shared statement runs at once on many requests' connections, joins the context's transaction
/// (a rolled-back write leaves nothing), and goes through EF Core's command pipeline (seen by its diagnostics).
/// </summary>
public sealed class DirectSqlTests
{
    [Fact]
    public async Task DirectSql_SharedStatementOnManyConnectionsAtOnce_EveryReadAnswers()
    {
        await using var server = await TestServer.StartAsync();
        await using (var scope = server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SandboxClockService>().AdvanceAsync(TimeSpan.FromHours(2), default);
        }

        var reads = await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
        {
            await using var scope = server.Services.CreateAsyncScope();
            var clock = scope.ServiceProvider.GetRequiredService<SandboxClockService>();
            var results = new List<TimeSpan>();
            for (var i = 0; i < 20; i++)
            {
                results.Add((await clock.GetOffsetAndCacheVersionsAsync(default)).Offset);
            }
            return results;
        }));

        Assert.All(reads.SelectMany(r => r), offset => Assert.Equal(TimeSpan.FromHours(2), offset));
    }

    [Fact]
    public async Task DirectSql_InsideATransactionThatRollsBack_LeavesNoRow()
    {
        await using var server = await TestServer.StartAsync();
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        var statement = new DirectSql(db, "INSERT INTO \"CacheVersions\" (\"Name\", \"Version\") VALUES ({0}, {1})",
            db.Model.FindEntityType(typeof(CacheVersion))!.FindProperty(nameof(CacheVersion.Name))!,
            db.Model.FindEntityType(typeof(CacheVersion))!.FindProperty(nameof(CacheVersion.Version))!);

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(1, await statement.ExecuteAsync(db, ["rolled-back", 5L], default));
            Assert.True(await db.CacheVersions.AnyAsync(v => v.Name == "rolled-back")); // visible inside
            await transaction.RollbackAsync();
        }
        Assert.Equal(1, await statement.ExecuteAsync(db, ["committed", 6L], default));

        await using var check = server.Services.CreateAsyncScope();
        var names = await check.ServiceProvider.GetRequiredService<SpacegateDbContext>().CacheVersions
            .Where(v => v.Name == "rolled-back" || v.Name == "committed").Select(v => v.Name).ToListAsync();
        Assert.Equal(["committed"], names);
    }

    [Fact]
    public async Task DirectSql_WrongNumberOfValues_RefusedBeforeAnythingRuns()
    {
        await using var server = await TestServer.StartAsync();
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        var statement = new DirectSql(db, "UPDATE \"CacheVersions\" SET \"Version\" = {0} WHERE \"Name\" = 'clients'",
            db.Model.FindEntityType(typeof(CacheVersion))!.FindProperty(nameof(CacheVersion.Version))!);

        var clients = db.CacheVersions.AsNoTracking().Where(v => v.Name == CacheVersion.Clients).Select(v => v.Version);
        var before = await clients.SingleAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => statement.ExecuteAsync(db, [], default));
        await Assert.ThrowsAsync<ArgumentException>(() => statement.ExecuteAsync(db, [1L, 2L], default));

        Assert.Equal(before, await clients.SingleAsync());
        Assert.Equal(1, await statement.ExecuteAsync(db, [before + 1], default)); // the statement itself works
    }

    [Fact]
    public async Task DirectSql_Commands_GoThroughEfCoreDiagnostics()
    {
        await using var server = await TestServer.StartAsync();
        await using var scope = server.Services.CreateAsyncScope();
        using var sql = new SqlCommandRecorder(server);
        await sql.StartAsync();

        await scope.ServiceProvider.GetRequiredService<SandboxClockService>().GetOffsetAndCacheVersionsAsync(default);

        Assert.Contains(sql.Commands, c => c.Contains("\"SandboxClock\"", StringComparison.Ordinal)
            && c.Contains("\"CacheVersions\"", StringComparison.Ordinal));
    }
}
