using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Spacegate.Server.Seeding;
using Spacegate.Tests.Hosting;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ModelApi;

/// <summary>
/// The Model API explorer's page and, in the sandbox only, its demo-token endpoint, over HTTP
/// (ExplorerBrowserTests drives the page in Chromium).
/// </summary>
public sealed partial class ExplorerPageTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string PagePath = "/api/models/graph/explorer";
    private const string DemoTokenPath = "/api/models/graph/explorer/demo-token";

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";

    [GeneratedRegex("'nonce-([A-Za-z0-9+/=]+)'")]
    private static partial Regex NonceInPolicy();

    [Fact]
    public async Task ExplorerPage_Sandbox_StrictPolicyNoFramingAndAFreshStyleNonce()
    {
        using var http = fixture.Server.CreateClient(cookies: false);
        using var first = await http.GetAsync(PagePath);
        using var second = await http.GetAsync(PagePath);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/html", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("DENY", Header(first, "X-Frame-Options"));
        Assert.Equal("no-store", Header(first, "Cache-Control"));
        var csp = Header(first, "Content-Security-Policy");
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("connect-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("base-uri 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotContain("'unsafe-inline'", csp);
        Assert.DoesNotContain("*", csp);

        var html = await first.Content.ReadAsStringAsync();
        var nonce = NonceInPolicy().Match(csp).Groups[1].Value;
        Assert.True(nonce.Length >= 22, csp);
        Assert.Contains($"data-style-nonce=\"{nonce}\"", html);
        Assert.NotEqual(nonce, NonceInPolicy().Match(Header(second, "Content-Security-Policy")).Groups[1].Value);
        Assert.DoesNotContain("<script>", html); // the only script is the bundle, loaded from this server
        Assert.Contains("src=\"/js/explorer.js?v=", html);
        Assert.Contains($"id=\"demo-token\" data-url=\"{DemoTokenPath}\"", html);
        Assert.DoesNotContain(DemoData.GlobexAppSecret, html);

        using var bundle = await http.GetAsync("/js/explorer.js");
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        var script = await bundle.Content.ReadAsStringAsync();
        Assert.Contains("@license React", script); // licence notices survive minification
        Assert.DoesNotContain(DemoData.GlobexAppSecret, script);
    }

    [Fact]
    public async Task DemoToken_Sandbox_MintsAShortLivedGlobexTokenThatRunsQueries()
    {
        using var http = fixture.Server.CreateClient(cookies: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, DemoTokenPath);
        request.Headers.Add("Origin", "https://attacker.example");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", Header(response, "Cache-Control"));
        Assert.Equal("", Header(response, "Access-Control-Allow-Origin")); // other origins cannot read it
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(DemoData.GlobexAppClientId, body.GetProperty("client_id").GetString());
        Assert.InRange(body.GetProperty("expires_in").GetInt32(), 840, 900);
        Assert.Contains("ViewDetails", body.GetProperty("scope").GetString());
        Assert.False(body.TryGetProperty("client_secret", out _));

        var token = body.GetProperty("access_token").GetString();
        var model = await GraphClient.PostAsync(http, token, "{ model(id: \"HXDYzEzVMGP\") { name } }");
        Assert.False(model.HasErrors, model.ToString());
        // A real token of the demo app, issued by the token endpoint: its app introspects it.
        using var introspection = await http.PostAsync("/api/oauth/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token!,
            ["client_id"] = DemoData.GlobexAppClientId,
            ["client_secret"] = DemoData.GlobexAppSecret,
        }));
        var introspected = await introspection.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(introspected.GetProperty("active").GetBoolean(), introspected.ToString());
        Assert.Equal(DemoData.GlobexAppClientId, introspected.GetProperty("client_id").GetString());
    }

    [Fact]
    public async Task DemoToken_DemoSecretReset_RefusedWithTheReason()
    {
        await using var server = await TestServer.StartAsync();
        var reset = await CliRunner.RunAsync(server, "apps", "reset-secret", DemoData.GlobexAppClientId);
        Assert.Equal(0, reset.Code);
        using var http = server.CreateClient(cookies: false);

        using var response = await http.PostAsync(DemoTokenPath, null);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode); // the token endpoint's 401 is not the caller's
        Assert.Equal("no-store", Header(response, "Cache-Control"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.Contains("secret reset", body.GetProperty("error_description").GetString());
        Assert.False(body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task DemoToken_Get_NotAllowed()
    {
        using var http = fixture.Server.CreateClient(cookies: false);
        using var response = await http.GetAsync(DemoTokenPath);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task DemoToken_Production_DoesNotExistAndThePageOffersNone()
    {
        await using var server = await TestServer.StartAsync(ProductionSettings.Valid());
        using var http = ProductionSettings.ViaProxy(server.CreateClient(cookies: false));

        using var page = await http.GetAsync(PagePath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("frame-ancestors 'none'", Header(page, "Content-Security-Policy"));
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain(DemoTokenPath, html);
        Assert.DoesNotContain("id=\"demo-token\"", html);

        using var post = await http.PostAsync(DemoTokenPath, null);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        using var get = await http.GetAsync(DemoTokenPath);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }
}
