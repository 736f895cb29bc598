using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;

namespace Spacegate.Tests.Operations;

/// <summary>
/// /metrics speaks the Prometheus text format and carries Spacegate's own counters. OpenTelemetry listens to
/// every meter named "Spacegate" in the process, so these tests run alone: another test's server in the same
/// test process would add to the counts.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed partial class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_Scraped_EveryLineIsPrometheusExposition()
    {
        await using var server = await TestServer.StartAsync();
        await ClientCredentialsAsync(server.CreateClient(cookies: false)); // something to report
        var response = await server.CreateClient(cookies: false).GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.Split('\n').Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            Assert.True(line.StartsWith('#') ? CommentLine().IsMatch(line) : SampleLine().IsMatch(line), $"Not exposition format: {line}");
        }
        Assert.Contains(lines, l => l.StartsWith("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("process_runtime_dotnet_gc_collections_count_total", StringComparison.Ordinal) ||
            l.StartsWith("dotnet_gc_collections_total", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_TokensIssuedAndRevoked_CountersIncrease()
    {
        await using var server = await TestServer.StartAsync();
        var api = server.CreateClient(cookies: false);
        var before = await ScrapeAsync(server);
        Assert.Equal(HttpStatusCode.OK, (await ClientCredentialsAsync(api)).Status);
        Assert.Equal(HttpStatusCode.OK, (await ClientCredentialsAsync(api)).Status);
        var code = await FullCodeFlowAsync(server);
        Assert.Equal(HttpStatusCode.OK, code.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ClientCredentialsAsync(api, secret: "wrong-secret-value")).Status);
        var revoke = await api.PostAsync("/api/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = code.RefreshToken!, ["client_id"] = AcmeClientId, ["client_secret"] = AcmeSecret,
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        var after = await ScrapeAsync(server);
        Assert.Equal(2, Value(after, "spacegate_tokens_issued_total", "grant_type=\"client_credentials\"") -
            Value(before, "spacegate_tokens_issued_total", "grant_type=\"client_credentials\""));
        Assert.Equal(1, Value(after, "spacegate_tokens_issued_total", "grant_type=\"authorization_code\""));
        Assert.Equal(1, Value(after, "spacegate_revocations_total", "kind=\"token\""));
        Assert.Equal(1, Value(after, "spacegate_revocations_total", "kind=\"family\""));
    }

    [Fact]
    public async Task Metrics_RotationReuseAndEmbedToken_Counted()
    {
        await using var server = await TestServer.StartAsync();
        await TestModels.AddAsync(server);
        var api = server.CreateClient(cookies: false);
        var first = await FullCodeFlowAsync(server);
        server.Advance(TimeSpan.FromHours(25));
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(api, first.RefreshToken!)).Status);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(api, first.RefreshToken!)).Status); // inside the leeway: same successor, no second rotation
        server.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("invalid_grant", (await RefreshAsync(api, first.RefreshToken!)).Error);
        var app = (await ClientCredentialsAsync(api)).AccessToken;
        var minted = await GraphClient.PostAsync(api, app,
            "mutation($m: [ID!]!, $c: String!, $s: String!) { createPrivateModelEmbedToken(modelIds: $m, clientId: $c, clientSecret: $s) { accessToken } }",
            new { m = new[] { TestModels.GlobexPrivate }, c = GlobexClientId, s = GlobexSecret });
        Assert.False(minted.HasErrors, minted.ToString());

        var scrape = await ScrapeAsync(server);
        Assert.Equal(1, Value(scrape, "spacegate_refresh_tokens_rotated_total", ""));
        Assert.Equal(1, Value(scrape, "spacegate_refresh_tokens_reuse_detected_total", ""));
        Assert.Equal(1, Value(scrape, "spacegate_revocations_total", "kind=\"grant\""));
        Assert.Equal(1, Value(scrape, "spacegate_embed_tokens_minted_total", ""));
        Assert.Equal(3, Value(scrape, "spacegate_tokens_issued_total", "grant_type=\"refresh_token\"") +
            Value(scrape, "spacegate_tokens_issued_total", "grant_type=\"authorization_code\""));
    }

    [Fact]
    public async Task Metrics_RateLimitRefusal_Counted()
    {
        await using var server = await TestServer.StartAsync(new()
        {
            ["RateLimits:TokenPerClient:PermitLimit"] = "1", ["RateLimits:TokenPerClient:Window"] = "01:00:00",
        });
        var api = server.CreateClient(cookies: false);
        Assert.Equal(HttpStatusCode.OK, (await ClientCredentialsAsync(api)).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ClientCredentialsAsync(api)).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ClientCredentialsAsync(api)).Status);
        Assert.Equal(2, Value(await ScrapeAsync(server), "spacegate_rate_limit_refusals_total", "endpoint=\"token\""));
    }

    [Fact]
    public async Task Metrics_Disabled_NotServed()
    {
        await using var server = await TestServer.StartAsync(new() { ["Metrics:Enabled"] = "false" });
        Assert.Equal(HttpStatusCode.NotFound, (await server.CreateClient(cookies: false).GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Metrics_OwnPort_OnlyThereAndNothingElseThere()
    {
        var port = FreePort();
        await using var server = await TestServer.StartAsync(new() { ["Metrics:Port"] = port.ToString(CultureInfo.InvariantCulture), ["Metrics:Path"] = "/internal/metrics" });
        using var metricsPort = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var scraped = await metricsPort.GetAsync("/internal/metrics");
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("# TYPE", await scraped.Content.ReadAsStringAsync());

        var publicPort = server.CreateClient(cookies: false);
        Assert.Equal(HttpStatusCode.NotFound, (await publicPort.GetAsync("/internal/metrics")).StatusCode);
        // The Host header names the metrics port: still refused, the decision is the connection's local port.
        var spoofed = new HttpRequestMessage(HttpMethod.Get, "/internal/metrics") { Headers = { Host = $"127.0.0.1:{port}" } };
        Assert.Equal(HttpStatusCode.NotFound, (await publicPort.SendAsync(spoofed)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await metricsPort.GetAsync("/.well-known/openid-configuration")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await publicPort.GetAsync("/.well-known/openid-configuration")).StatusCode);
    }

    private static async Task<string> ScrapeAsync(TestServer server) =>
        await server.CreateClient(cookies: false).GetStringAsync("/metrics");

    private static double Value(string scrape, string name, string label)
    {
        var line = scrape.Split('\n').FirstOrDefault(l => l.StartsWith(name + "{", StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(SampleLine().Match(line).Groups["v"].Value, CultureInfo.InvariantCulture);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // https://prometheus.io/docs/instrumenting/exposition_formats/: name{labels} value [timestamp]
    [GeneratedRegex("""^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\.)*")(,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\.)*")*,?\})? (?<v>[-+]?([0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?|Inf|NaN))( -?[0-9]+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""^# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped)|EOF|UNIT [a-zA-Z_:][a-zA-Z0-9_:]* .*)$|^#( .*)?$""")]
    private static partial Regex CommentLine();
}
