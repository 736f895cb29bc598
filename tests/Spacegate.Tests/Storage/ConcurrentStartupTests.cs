using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Data;
using Spacegate.Server.Seeding;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Storage;

/// <summary>
/// Nodes behind a load balancer start together on one empty PostgreSQL database: the advisory lock (StorageLock) lets
/// one migrate and seed while the others wait, so every node comes up and the demo data exists once. PostgreSQL pass
/// only (a SQLite file serves a single node).
/// </summary>
public sealed class ConcurrentStartupTests
{
    [PostgreSqlFact]
    public async Task TwoNodes_StartingAtOnceOnAnEmptyDatabase_BothComeUpAndSeedOnce()
    {
        await using var database = await TestDatabase.CreateAsync();

        var starting = new[] { TestServer.StartAsync(database: database), TestServer.StartAsync(database: database) };
        try
        {
            var servers = await Task.WhenAll(starting);
            foreach (var server in servers)
            {
                using var client = server.CreateClient(cookies: false);
                var response = await client.GetAsync("/.well-known/oauth-authorization-server");
                Assert.True(response.IsSuccessStatusCode, $"{server.BaseAddress} answered {(int)response.StatusCode}");
            }
            await using var scope = servers[0].Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
            foreach (var user in DemoData.Users)
            {
                var normalized = user.Email.ToUpperInvariant();
                Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedEmail == normalized));
            }
            Assert.Equal(2, await db.Accounts.CountAsync());
            Assert.Equal(1, await db.Applications.CountAsync(a => a.ClientId == DemoData.AcmeAppClientId));
            Assert.Equal(1, await db.Applications.CountAsync(a => a.ClientId == DemoData.GlobexAppClientId));
            var modelIds = await db.Models.Select(m => m.Id).ToListAsync();
            Assert.NotEmpty(modelIds);
            Assert.Equal(modelIds.Count, modelIds.Distinct().Count());
            // One Data Protection key, created under the lock, so each node can read cookies and codes the other made.
            Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
            var applied = await db.Database.GetAppliedMigrationsAsync();
            Assert.Equal(db.Database.GetMigrations(), applied);
        }
        finally
        {
            // Also when only one node came up: it must not keep the database open.
            foreach (var node in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await (await node).DisposeAsync();
            }
        }
    }

    [PostgreSqlFact]
    public async Task StorageLock_HeldByOneNode_MakesAnotherWaitUntilReleased()
    {
        await using var database = await TestDatabase.CreateAsync();
        var storage = new StorageOptions { Provider = StorageOptions.PostgreSql, ConnectionString = database.ConnectionString };

        var first = await StorageLock.AcquireAsync(storage, CancellationToken.None);
        var second = StorageLock.AcquireAsync(storage, CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(second.IsCompleted, "a second node took the lock while the first held it");

        await first.DisposeAsync();
        var acquired = await second.WaitAsync(TimeSpan.FromSeconds(30));
        await acquired.DisposeAsync();
    }
}
