using System.Collections.Concurrent;
using System.Net;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;

namespace Spacegate.Tests.MultiNode;

/// <summary>
/// A node killed with SIGKILL in the middle of a burst of token requests through nginx: the other node keeps serving
/// (nginx fails over; only a POST already sent to the dead node may end in a 502, never retried elsewhere), and every
/// token that was answered with a 200 still works. PostgreSQL pass only (see <see cref="MultiNodeTests"/>).
/// </summary>
public sealed class DurabilityTests : IAsyncLifetime
{
    private const string Query = "{ models { totalResults } }";
    private const int Operations = 200;
    private const int Concurrency = 8;
    private TestDatabase? _database;
    private SpacegateCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        MultiNodeFixture.RequirePostgreSql();
        _database = await TestDatabase.CreateAsync();
        _cluster = await SpacegateCluster.StartAsync(_database.Settings);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [PostgreSqlFact]
    public async Task NodeKilledUnderLoad_SurvivorKeepsServing_NoAnsweredTokenLost()
    {
        var browser = _cluster.Client(_cluster.NodeB, cookies: true);
        await SignInAsync(browser, "bob@demo.spacegate.test");
        var chains = new string[Concurrency];
        for (var i = 0; i < Concurrency; i++)
        {
            var token = await ExchangeCodeAsync(_cluster.Client(_cluster.NodeB), await GetCodeAsync(browser, AuthorizeUrl()));
            Assert.Equal(HttpStatusCode.OK, token.Status);
            Assert.NotNull(token.RefreshToken);
            chains[i] = token.RefreshToken;
        }

        var answered = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<string>();
        var successesAfterKill = 0;
        var started = 0;
        var killed = 0;
        using var proxy = _cluster.Client(_cluster.Proxy);
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async worker =>
        {
            int operation;
            while ((operation = Interlocked.Increment(ref started)) <= Operations)
            {
                if (operation == Operations / 3)
                {
                    _cluster.ProcessA.Kill(); // SIGKILL while the other workers' requests are in flight
                    Volatile.Write(ref killed, 1);
                }
                var refresh = operation % 2 == 0;
                var answer = await TokenAsync(proxy, refresh
                    ? [("grant_type", "refresh_token"), ("refresh_token", chains[worker]), ("client_id", AcmeClientId), ("client_secret", AcmeSecret)]
                    : [("grant_type", "client_credentials"), ("client_id", GlobexClientId), ("client_secret", GlobexSecret)]);
                if (answer.Status == HttpStatusCode.OK)
                {
                    answered.Add(answer.AccessToken);
                    if (refresh)
                    {
                        // A refresh token younger than 24 hours is not rotated (SPEC §4): it keeps working.
                        chains[worker] = answer.RefreshToken ?? chains[worker];
                    }
                    if (Volatile.Read(ref killed) == 1)
                    {
                        Interlocked.Increment(ref successesAfterKill);
                    }
                }
                else
                {
                    failures.Add($"{(int)answer.Status} {answer.Body[..Math.Min(200, answer.Body.Length)]}");
                }
            }
        }));

        Assert.True(_cluster.ProcessA.HasExited);
        Assert.False(_cluster.ProcessB.HasExited, _cluster.Diagnostics);
        // Only requests in flight on the killed node may fail, and only as nginx's 502 (never retried elsewhere).
        Assert.True(failures.Count <= Concurrency, string.Join('\n', failures));
        Assert.All(failures, f => Assert.StartsWith("502 ", f, StringComparison.Ordinal));
        Assert.True(successesAfterKill > Operations / 2, $"{successesAfterKill} successes after the kill");

        using var survivor = _cluster.Client(_cluster.NodeB);
        var lost = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(answered, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (token, _) =>
        {
            var graph = await GraphClient.PostAsync(survivor, token, Query);
            if (graph.HasErrors)
            {
                lost.Add(graph.ToString());
            }
        });
        Assert.Empty(lost);
        foreach (var chain in chains)
        {
            var next = await RefreshAsync(survivor, chain);
            Assert.True(next.Status == HttpStatusCode.OK, next.Body.ToString());
        }
    }

    /// <summary>A token request whose answer may also be nginx's HTML 502.</summary>
    private static async Task<(HttpStatusCode Status, string AccessToken, string? RefreshToken, string Body)> TokenAsync(
        HttpClient http, (string Key, string Value)[] form)
    {
        var response = await http.PostAsync("/api/oauth/token", new FormUrlEncodedContent(form.ToDictionary(f => f.Key, f => f.Value)));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, "", null, body);
        }
        var json = System.Text.Json.JsonDocument.Parse(body).RootElement;
        return (response.StatusCode, json.GetProperty("access_token").GetString()!,
            json.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null, body);
    }
}
