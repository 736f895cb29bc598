using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Applications;
using Spacegate.Server.Data;
using Spacegate.Server.Grants;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ModelApi;

/// <summary>
/// BearerTokenCache: a token validated once is not read again, and anything that revokes it (RFC 7009, a grant
/// revoked, a secret reset, a row changed by plain SQL, another node) or lets it expire stops it on the very next request.
/// </summary>
public sealed class BearerTokenCacheTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string ModelQuery = $"{{ model(id: \"{TestModels.AcmePublic}\") {{ id }} }}";
    private const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";

    private TestServer Server => fixture.Server;

    private static async Task<(HttpClient Http, string Token)> UsedTokenAsync(TestServer server)
    {
        using (var scope = server.Services.CreateScope())
        {
            if (!await scope.ServiceProvider.GetRequiredService<SpacegateDbContext>().Models.AnyAsync(m => m.Id == TestModels.AcmePublic))
            {
                await TestModels.AddAsync(server);
            }
        }
        var http = server.CreateClient(cookies: false);
        var token = (await OAuthClient.FullCodeFlowAsync(server, scope: "ViewDetails")).AccessToken!;
        await AssertAcceptedAsync(http, token); // validated and remembered
        return (http, token);
    }

    private static async Task AssertAcceptedAsync(HttpClient http, string token)
    {
        var response = await GraphClient.PostAsync(http, token, ModelQuery);
        Assert.False(response.HasErrors, response.ToString());
        Assert.Equal(TestModels.AcmePublic, response.Data.GetProperty("model").GetProperty("id").GetString());
    }

    private static async Task AssertRefusedAsync(HttpClient http, string token)
    {
        var response = await GraphClient.PostAsync(http, token, ModelQuery);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_grant", response.Body.GetProperty("error").GetString());
    }

    private static async Task SqlAsync(TestServer server, string sql)
    {
        using var scope = server.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SpacegateDbContext>().Database.ExecuteSqlRawAsync(sql);
    }

    private static async Task<long> TokensVersionAsync(TestServer server)
    {
        using var scope = server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RequestCacheVersions>().TokensAsync(default);
    }

    [Fact]
    public async Task BearerTokenCache_SecondUse_ReadsNeitherTheTokenNorItsGrant()
    {
        var (http, token) = await UsedTokenAsync(Server);
        using var sql = new SqlCommandRecorder(Server);
        await sql.StartAsync();
        await AssertAcceptedAsync(http, token);
        Assert.DoesNotContain(sql.Commands, c => c.Contains("\"OpenIddictTokens\"", StringComparison.Ordinal));
        Assert.DoesNotContain(sql.Commands, c => c.Contains("\"OpenIddictAuthorizations\"", StringComparison.Ordinal));
        Assert.Contains(sql.Commands, c => c.Contains("\"CacheVersions\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BearerTokenCache_RevokedByRfc7009_RefusedOnTheNextRequest()
    {
        var (http, token) = await UsedTokenAsync(Server);
        var revoke = await http.PostAsync("/api/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token, ["client_id"] = OAuthClient.AcmeClientId, ["client_secret"] = OAuthClient.AcmeSecret,
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        await AssertRefusedAsync(http, token);
    }

    [Fact]
    public async Task BearerTokenCache_GrantRevokedByPlainSql_RefusedOnTheNextRequest()
    {
        var (http, token) = await UsedTokenAsync(Server);
        // Only the grant changes: its tokens' rows stay valid, so this is the grant trigger alone.
        await SqlAsync(Server, "UPDATE \"OpenIddictAuthorizations\" SET \"Status\" = 'revoked' WHERE \"Status\" = 'valid'");
        await AssertRefusedAsync(http, token);
    }

    [Fact]
    public async Task BearerTokenCache_TokenRowDeleted_RefusedOnTheNextRequest()
    {
        var (http, token) = await UsedTokenAsync(Server);
        await SqlAsync(Server, $"DELETE FROM \"OpenIddictTokens\" WHERE \"Type\" = '{AccessTokenType}'");
        await AssertRefusedAsync(http, token);
    }

    [Fact]
    public async Task BearerTokenCache_TokenExpired_RefusedOnceTheClockPassesItsExpiry()
    {
        var (http, token) = await UsedTokenAsync(Server);
        Server.Advance(TimeSpan.FromMinutes(59));
        await AssertAcceptedAsync(http, token);
        Server.Advance(TimeSpan.FromMinutes(2)); // past the app's 60 minutes, with no database change at all
        await AssertRefusedAsync(http, token);
    }

    [Fact]
    public async Task BearerTokenCache_IssuingRefreshingAndUsing_LeaveTheCounterAlone_RevokingRaisesIt()
    {
        var (http, token) = await UsedTokenAsync(Server);
        var before = await TokensVersionAsync(Server);
        var flow = await OAuthClient.FullCodeFlowAsync(Server, scope: "ViewDetails");
        var refreshed = await OAuthClient.RefreshAsync(http, flow.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.Equal(HttpStatusCode.OK, (await OAuthClient.ClientCredentialsAsync(http)).Status);
        await AssertAcceptedAsync(http, token);
        Assert.Equal(before, await TokensVersionAsync(Server));

        await SqlAsync(Server, $"UPDATE \"OpenIddictTokens\" SET \"Status\" = 'revoked' WHERE \"Type\" = '{AccessTokenType}'");
        Assert.True(await TokensVersionAsync(Server) > before);
    }

    [Fact]
    public async Task BearerTokenCache_SecretReset_RefusedOnTheNextRequest()
    {
        await using var server = await TestServer.StartAsync();
        var (http, token) = await UsedTokenAsync(server);
        using (var scope = server.Services.CreateScope())
        {
            var reset = await scope.ServiceProvider.GetRequiredService<ApplicationService>().ResetSecretAsync(OAuthClient.AcmeClientId, default);
            Assert.True(reset.Succeeded, string.Join("; ", reset.Errors));
        }
        await AssertRefusedAsync(http, token);
    }

    [Fact]
    public async Task BearerTokenCache_AppDeleted_RefusedOnTheNextRequest()
    {
        await using var server = await TestServer.StartAsync();
        var (http, token) = await UsedTokenAsync(server);
        using (var scope = server.Services.CreateScope())
        {
            var deleted = await scope.ServiceProvider.GetRequiredService<ApplicationService>().DeleteAsync(OAuthClient.AcmeClientId, default);
            Assert.True(deleted.Succeeded, string.Join("; ", deleted.Errors));
        }
        await AssertRefusedAsync(http, token);
    }

    [Fact]
    public async Task BearerTokenCache_RevokedThroughAnotherNode_RefusedOnTheNextRequest()
    {
        // Two servers on one database, each with its own cache (MultiNodeTests does the same with two processes).
        await using var nodeA = await TestServer.StartAsync();
        await using var nodeB = await TestServer.StartAsync(database: nodeA.Database);
        var (httpA, token) = await UsedTokenAsync(nodeA);
        await AssertAcceptedAsync(httpA, token);

        using (var scope = nodeB.Services.CreateScope())
        {
            var revocation = scope.ServiceProvider.GetRequiredService<GrantRevocationService>();
            var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
            var grantIds = await db.Grants.Where(g => g.Status == "valid").Select(g => g.Id!).ToListAsync();
            Assert.NotEmpty(grantIds);
            foreach (var grantId in grantIds)
            {
                Assert.True(await revocation.RevokeAsync(grantId, default));
            }
        }
        await AssertRefusedAsync(httpA, token);
    }

    [Fact]
    public async Task BearerTokenCache_Off_EveryUseReadsTheToken()
    {
        await using var server = await TestServer.StartAsync(new() { ["ModelApi:BearerCacheEntries"] = "0" });
        var (http, token) = await UsedTokenAsync(server);
        using var sql = new SqlCommandRecorder(server);
        await sql.StartAsync();
        await AssertAcceptedAsync(http, token);
        Assert.Contains(sql.Commands, c => c.Contains("\"OpenIddictTokens\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1000001")]
    public async Task BearerTokenCache_SizeOutOfRange_ServerRefusesToStart(string entries)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var server = await TestServer.StartAsync(new() { ["ModelApi:BearerCacheEntries"] = entries });
        });
        Assert.Contains("ModelApi:BearerCacheEntries", error.ToString());
    }
}
