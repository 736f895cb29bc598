using System.Net;
using System.Text.Json;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;

namespace Spacegate.Tests.MultiNode;

/// <summary>
/// Two nodes (separate processes) on one PostgreSQL database behind nginx behave as one server: whatever one node
/// issues, revokes or moves, the other honours on its very next request. PostgreSQL only: .ci/run runs this namespace
/// in its PostgreSQL pass and excludes it from the SQLite pass (on SQLite the fixture fails instead of passing).
/// </summary>
public sealed class MultiNodeTests(MultiNodeFixture fixture) : IClassFixture<MultiNodeFixture>
{
    private const string Query = "{ models { totalResults } }";
    private SpacegateCluster Cluster => fixture.Cluster;

    [PostgreSqlFact]
    public async Task AuthorizationCode_IssuedOnNodeA_RedeemedOnNodeBOnceOnly()
    {
        var browser = Cluster.Client(Cluster.NodeA, cookies: true);
        await SignInAsync(browser, "bob@demo.spacegate.test");
        var code = await GetCodeAsync(browser, AuthorizeUrl());

        var redeemed = await ExchangeCodeAsync(Cluster.Client(Cluster.NodeB), code);
        Assert.True(redeemed.Status == HttpStatusCode.OK, redeemed.Body.ToString());
        Assert.False((await GraphClient.PostAsync(Cluster.Client(Cluster.NodeA), redeemed.AccessToken, Query)).HasErrors);

        // The replay on the first node is refused, and (RFC 6749 §4.1.2) revokes what the code gave.
        var replay = await ExchangeCodeAsync(Cluster.Client(Cluster.NodeA), code);
        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Equal("invalid_grant", replay.Error);
        Assert.True((await GraphClient.PostAsync(Cluster.Client(Cluster.NodeB), redeemed.AccessToken, Query)).HasErrors);
    }

    [PostgreSqlFact]
    public async Task AuthorizationCode_WholeFlowThroughNginx_SpreadOverBothNodesSucceeds()
    {
        // nginx balances every request (sign-in, consent, token) round-robin: cookies, antiforgery tokens and codes
        // made by one node must be read by the other.
        for (var round = 0; round < 2; round++)
        {
            var browser = Cluster.Client(Cluster.Proxy, cookies: true);
            await SignInAsync(browser, "bob@demo.spacegate.test");
            var code = await GetCodeAsync(browser, AuthorizeUrl());
            var token = await ExchangeCodeAsync(Cluster.Client(Cluster.Proxy), code);
            Assert.True(token.Status == HttpStatusCode.OK, token.Body.ToString());
            foreach (var node in new[] { Cluster.NodeA, Cluster.NodeB, Cluster.Proxy })
            {
                var graph = await GraphClient.PostAsync(Cluster.Client(node), token.AccessToken, Query);
                Assert.False(graph.HasErrors, graph.ToString());
            }
        }
    }

    [PostgreSqlFact]
    public async Task AccessToken_MintedOnNodeA_AcceptedOnNodeBButNotTampered()
    {
        var token = (await ClientCredentialsAsync(Cluster.Client(Cluster.NodeA))).AccessToken!;

        var graph = await GraphClient.PostAsync(Cluster.Client(Cluster.NodeB), token, Query);
        Assert.False(graph.HasErrors, graph.ToString());
        var tampered = await GraphClient.PostAsync(Cluster.Client(Cluster.NodeB), token[..^2] + (token[^2] == 'A' ? "BB" : "AA"), Query);
        Assert.True(tampered.HasErrors);
    }

    [PostgreSqlFact]
    public async Task RefreshToken_RevokedOnNodeB_AccessTokenRefusedOnNodeANextRequest()
    {
        var browser = Cluster.Client(Cluster.NodeA, cookies: true);
        await SignInAsync(browser, "bob@demo.spacegate.test");
        var token = await ExchangeCodeAsync(Cluster.Client(Cluster.NodeA), await GetCodeAsync(browser, AuthorizeUrl()));
        Assert.False((await GraphClient.PostAsync(Cluster.Client(Cluster.NodeA), token.AccessToken, Query)).HasErrors);

        var revoked = await TokenManagementClient.RevokeAsync(Cluster.Client(Cluster.NodeB), token.RefreshToken!, AcmeClientId, AcmeSecret);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        Assert.True((await GraphClient.PostAsync(Cluster.Client(Cluster.NodeA), token.AccessToken, Query)).HasErrors);
        Assert.Equal("invalid_grant", (await RefreshAsync(Cluster.Client(Cluster.NodeA), token.RefreshToken!)).Error);
    }

    [PostgreSqlFact]
    public async Task ClientSecret_ResetByCli_OldSecretRefusedOnBothNodesAtOnce()
    {
        var app = (await Cluster.CliAsync("apps", "create", "--account", AccountOf(), "--name", "Reset on two nodes",
            "--redirect-uri", "https://reset.example.test/cb", "--scope", "ViewDetails", "--json"));
        Assert.True(app.Code == 0, app.Error);
        var created = JsonDocument.Parse(app.Output).RootElement;
        var clientId = created.GetProperty("clientId").GetString()!;
        var oldSecret = created.GetProperty("clientSecret").GetString()!;
        foreach (var node in new[] { Cluster.NodeA, Cluster.NodeB })
        {
            Assert.Equal(HttpStatusCode.OK, (await ClientCredentialsAsync(Cluster.Client(node), clientId, oldSecret)).Status);
        }

        var reset = await Cluster.CliAsync("apps", "reset-secret", clientId, "--json");
        Assert.True(reset.Code == 0, reset.Error);
        var newSecret = JsonDocument.Parse(reset.Output).RootElement.GetProperty("clientSecret").GetString()!;

        foreach (var node in new[] { Cluster.NodeA, Cluster.NodeB })
        {
            var old = await ClientCredentialsAsync(Cluster.Client(node), clientId, oldSecret);
            Assert.Equal(HttpStatusCode.Unauthorized, old.Status);
            Assert.Equal("invalid_client", old.Error);
            Assert.Equal(HttpStatusCode.OK, (await ClientCredentialsAsync(Cluster.Client(node), clientId, newSecret)).Status);
        }
    }

    [PostgreSqlFact]
    public async Task StaleRefreshToken_RefreshedInParallelOnBothNodes_ExactlyOneSuccessorNo5xx()
    {
        var browser = Cluster.Client(Cluster.NodeA, cookies: true);
        await SignInAsync(browser, "bob@demo.spacegate.test");
        var token = await ExchangeCodeAsync(Cluster.Client(Cluster.NodeA), await GetCodeAsync(browser, AuthorizeUrl()));
        Assert.Equal(0, (await Cluster.CliAsync("clock", "advance", "25h")).Code);
        try
        {
            var nodes = new[] { Cluster.NodeA, Cluster.NodeB, Cluster.Proxy };
            var answers = await Task.WhenAll(Enumerable.Range(0, 12)
                .Select(i => RefreshAsync(Cluster.Client(nodes[i % nodes.Length]), token.RefreshToken!)));

            Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{a.Status} {a.Body}"));
            var successors = answers.Where(a => a.Status == HttpStatusCode.OK).Select(a => a.RefreshToken).Distinct().ToList();
            Assert.Single(successors);
            Assert.NotEqual(token.RefreshToken, successors[0]);
            Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(Cluster.Client(Cluster.NodeB), successors[0]!)).Status);
        }
        finally
        {
            await Cluster.CliAsync("clock", "reset");
        }
    }

    [PostgreSqlFact]
    public async Task SandboxClock_AdvancedByCli_MovesOnBothNodesAndThroughNginx()
    {
        Assert.Equal(0, (await Cluster.CliAsync("clock", "advance", "2h")).Code);
        try
        {
            foreach (var node in new[] { Cluster.NodeA, Cluster.NodeB, Cluster.Proxy })
            {
                Assert.Equal(7200, await OffsetSecondsAsync(node));
            }
        }
        finally
        {
            Assert.Equal(0, (await Cluster.CliAsync("clock", "reset")).Code);
        }
        Assert.Null(await OffsetSecondsAsync(Cluster.NodeA));
        Assert.Null(await OffsetSecondsAsync(Cluster.NodeB));
    }

    private async Task<long?> OffsetSecondsAsync(Uri node)
    {
        var metadata = JsonDocument.Parse(await Cluster.Client(node).GetStringAsync("/.well-known/oauth-authorization-server")).RootElement;
        return metadata.TryGetProperty("spacegate_sandbox_clock_offset_seconds", out var seconds) ? seconds.GetInt64() : null;
    }

    private static string AccountOf() => Spacegate.Server.Seeding.DemoData.GlobexAccountId;
}
