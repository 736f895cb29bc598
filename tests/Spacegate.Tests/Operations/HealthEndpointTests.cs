using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Data;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Operations;

/// <summary>Live says the process answers; ready (and the older /health) says the database is reachable and fully migrated.</summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Live_ProcessUp_200WithoutChecks()
    {
        await using var server = await TestServer.StartAsync();
        var (status, body) = await GetAsync(server, "/health/live");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Empty(body.GetProperty("checks").EnumerateObject());
    }

    [Theory]
    [InlineData("/health/ready")]
    [InlineData("/health")]
    public async Task Ready_DatabaseMigrated_200WithEachCheck(string path)
    {
        await using var server = await TestServer.StartAsync();
        var (status, body) = await GetAsync(server, path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("migrations").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_MigrationPending_503ButLiveStill200()
    {
        await using var server = await TestServer.StartAsync();
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
            var last = (await db.Database.GetAppliedMigrationsAsync()).Last();
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {last}");
        }
        foreach (var path in new[] { "/health/ready", "/health" })
        {
            var (status, body) = await GetAsync(server, path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
            var migrations = body.GetProperty("checks").GetProperty("migrations");
            Assert.Equal("Unhealthy", migrations.GetProperty("status").GetString());
            Assert.Contains("1 migration(s) pending", migrations.GetProperty("description").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(server, "/health/live")).Status);
    }

    [Fact]
    public async Task Ready_DatabaseFileUnreachable_503()
    {
        await using var server = await TestServer.StartAsync();
        if (server.Database.SqlitePath is not { } path)
        {
            return; // a SQLite file made unreadable; a PostgreSQL server going away is another test's matter
        }
        // Replace the database file by a folder: no connection can open it any more.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(path + suffix))
            {
                File.Move(path + suffix, path + suffix + ".moved");
            }
        }
        Directory.CreateDirectory(path);

        var (status, body) = await GetAsync(server, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.DoesNotContain(path, body.GetRawText()); // no exception text or path in the answer
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(server, "/health/live")).Status);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(TestServer server, string path)
    {
        var response = await server.CreateClient(cookies: false).GetAsync(path);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }
}
