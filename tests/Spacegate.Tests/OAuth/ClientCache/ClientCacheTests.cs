using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Data;
using Spacegate.Server.Seeding;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;

namespace Spacegate.Tests.OAuth.ClientCache;

/// <summary>
/// Applications and account flags are cached on each node and read again as soon as anything changes them: the
/// CLI (another process, another cache), a page, or plain SQL. Each case warms the cache first, then changes the
/// data elsewhere, then expects the very next request to see the change.
/// </summary>
public sealed class ClientCacheTests
{
    private static int Reads(IEnumerable<string> commands, string table) => commands.Count(c =>
        c.TrimStart().StartsWith("SELECT", StringComparison.Ordinal) && c.Contains($"FROM \"{table}\"", StringComparison.Ordinal));

    private static async Task<TestServer> WarmAsync()
    {
        var server = await TestServer.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await ClientCredentialsAsync(server.CreateClient(cookies: false))).Status);
        return server;
    }

    [Fact]
    public async Task ClientCache_Unchanged_NoApplicationOrAccountQuery()
    {
        await using var server = await WarmAsync();
        using var sql = new SqlCommandRecorder(server);
        await sql.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await ClientCredentialsAsync(server.CreateClient(cookies: false))).Status);

        Assert.Equal(0, Reads(sql.Commands, "OpenIddictApplications"));
        Assert.Equal(0, Reads(sql.Commands, "Accounts"));
        Assert.Equal(1, Reads(sql.Commands, "CacheVersions")); // the one read that vouches for the copies
    }

    [Fact]
    public async Task ClientCache_SecretResetByCli_OldSecretRefusedOnTheNextRequest()
    {
        await using var server = await WarmAsync();
        var (code, output, error) = await CliRunner.RunAsync(server, "apps", "reset-secret", GlobexClientId, "--json");
        Assert.True(code == 0, error);
        var secret = JsonDocument.Parse(output).RootElement.GetProperty("clientSecret").GetString()!;

        var api = server.CreateClient(cookies: false);
        Assert.Equal("invalid_client", (await ClientCredentialsAsync(api)).Error);
        Assert.Equal(HttpStatusCode.OK, (await ClientCredentialsAsync(api, GlobexClientId, secret)).Status);
    }

    [Fact]
    public async Task ClientCache_PmeTurnedOffByCli_ClientCredentialsRefusedOnTheNextRequest()
    {
        await using var server = await WarmAsync();
        var (code, _, error) = await CliRunner.RunAsync(server, "accounts", "set-flags", DemoData.GlobexAccountId, "--pme", "false");
        Assert.True(code == 0, error);

        Assert.Equal("unauthorized_client", (await ClientCredentialsAsync(server.CreateClient(cookies: false))).Error);
    }

    [Fact]
    public async Task ClientCache_AppDeletedByCli_ClientUnknownOnTheNextRequest()
    {
        await using var server = await WarmAsync();
        var (code, _, error) = await CliRunner.RunAsync(server, "apps", "delete", GlobexClientId);
        Assert.True(code == 0, error);

        Assert.Equal("invalid_client", (await ClientCredentialsAsync(server.CreateClient(cookies: false))).Error);
    }

    [Fact]
    public async Task ClientCache_ChangedByPlainSql_TriggerMakesTheNextRequestReadAgain()
    {
        await using var server = await WarmAsync();
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
            // Not through any service: only the database trigger can tell the node.
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE \"OpenIddictApplications\" SET \"ClientSecret\" = 'sha256:none' WHERE \"ClientId\" = {0}", GlobexClientId);
        }

        Assert.Equal("invalid_client", (await ClientCredentialsAsync(server.CreateClient(cookies: false))).Error);
    }

    [Fact]
    public async Task ClientCache_WrongSecret_RefusedFromTheCacheToo()
    {
        await using var server = await WarmAsync();
        var api = server.CreateClient(cookies: false);

        Assert.Equal("invalid_client", (await ClientCredentialsAsync(api, GlobexClientId, "not-the-secret")).Error);
        Assert.Equal("invalid_client", (await ClientCredentialsAsync(api, AcmeClientId, GlobexSecret)).Error);
        Assert.Equal(HttpStatusCode.OK, (await ClientCredentialsAsync(api)).Status);
    }
}
