using System.Net;
using System.Text.Json;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;

namespace Spacegate.Tests.MultiNode;

/// <summary>
/// PostgreSQL going away under two running nodes: clean 503s with Retry-After in each endpoint's own shape (never a
/// 500 or a stack trace), /health/ready reports it, and once PostgreSQL is back the nodes recover without a restart and
/// lose no token. Uses a PostgreSQL cluster of its own (<see cref="ThrowawayPostgres"/>), so stopping it hurts no other
/// test. PostgreSQL pass only (see <see cref="MultiNodeTests"/>).
/// </summary>
public sealed class OutageTests : IAsyncLifetime
{
    private const string Query = "{ models { totalResults } }";
    private ThrowawayPostgres _postgres = null!;
    private SpacegateCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        MultiNodeFixture.RequirePostgreSql();
        _postgres = await ThrowawayPostgres.StartAsync();
        _cluster = await SpacegateCluster.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSQL",
            ["Storage:ConnectionString"] = _postgres.ConnectionString,
        });
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    [PostgreSqlFact]
    public async Task PostgreSqlStopped_Requests_Clean503ThenRecoverWithoutRestartAndNoTokenLost()
    {
        var tokens = new List<string>();
        foreach (var node in new[] { _cluster.NodeA, _cluster.NodeB, _cluster.Proxy, _cluster.Proxy })
        {
            var answer = await ClientCredentialsAsync(_cluster.Client(node));
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            tokens.Add(answer.AccessToken!);
        }

        await _postgres.StopImmediatelyAsync();

        foreach (var node in new[] { _cluster.NodeA, _cluster.NodeB, _cluster.Proxy })
        {
            var token = await _cluster.Client(node).PostAsync("/api/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = GlobexClientId, ["client_secret"] = GlobexSecret,
            }));
            var body = await AssertUnavailableAsync(token, "application/json");
            Assert.Equal("temporarily_unavailable", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());

            using var graph = new HttpRequestMessage(HttpMethod.Post, GraphClient.Path) { Content = System.Net.Http.Json.JsonContent.Create(new { query = Query }) };
            graph.Headers.Authorization = new("Bearer", tokens[0]);
            var graphBody = await AssertUnavailableAsync(await _cluster.Client(node).SendAsync(graph), "json");
            Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(graphBody).RootElement.ValueKind);

            using var page = new HttpRequestMessage(HttpMethod.Get, AuthorizeUrl());
            page.Headers.Accept.ParseAdd("text/html");
            await AssertUnavailableAsync(await _cluster.Client(node).SendAsync(page), "text/html");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _cluster.Client(node).GetAsync("/health/ready")).StatusCode);
        }
        Assert.False(_cluster.ProcessA.HasExited || _cluster.ProcessB.HasExited, _cluster.Diagnostics);

        await _postgres.StartAgainAsync();

        foreach (var node in new[] { _cluster.NodeA, _cluster.NodeB })
        {
            await WaitUntilAsync(async () => (await _cluster.Client(node).GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK);
            await WaitUntilAsync(async () => (await ClientCredentialsAsync(_cluster.Client(node))).Status == HttpStatusCode.OK);
            foreach (var token in tokens)
            {
                var graph = await GraphClient.PostAsync(_cluster.Client(node), token, Query);
                Assert.False(graph.HasErrors, graph.ToString());
            }
        }
    }

    private async Task<string> AssertUnavailableAsync(HttpResponseMessage response, string mediaType)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}\n{_cluster.Diagnostics}");
        Assert.True(response.Headers.RetryAfter is not null, $"{response.RequestMessage?.RequestUri}: no Retry-After");
        Assert.Contains(mediaType, response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Spacegate", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", body, StringComparison.Ordinal);
        return body;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The node did not recover within 30 s.");
            await Task.Delay(250);
        }
    }
}
