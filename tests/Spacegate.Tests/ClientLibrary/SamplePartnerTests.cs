using System.Net;
using System.Text.Json;
using Spacegate.Tests.Browser;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ClientLibrary;

/// <summary>What an attacker would try against the sample partner app's endpoints, over plain HTTP.</summary>
public sealed class SamplePartnerTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private SamplePartnerHost _sample = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _sample = await SamplePartnerHost.StartAsync(_server, TimeSpan.FromSeconds(45));
    }

    public async Task DisposeAsync()
    {
        await _sample.DisposeAsync();
        await _server.DisposeAsync();
    }

    private HttpClient Visitor() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = _sample.BaseAddress,
    };

    [Fact]
    public async Task Refresh_MintsAViewerToken_OnlyWithTheAntiforgeryToken()
    {
        using var visitor = Visitor();
        var embed = await visitor.GetStringAsync("/embed");
        var model = System.Text.RegularExpressions.Regex.Match(embed, "data-model=\"([A-Za-z0-9]{11})\"").Groups[1].Value;
        Assert.NotEmpty(model);

        // A cross-site form or script cannot send the header; without it nothing is minted.
        var forged = await visitor.PostAsync($"/refresh?m={model}", null);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/refresh?m={model}");
        request.Headers.Add("RequestVerificationToken", OAuthClient.Antiforgery(embed));
        var response = await visitor.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(45, token.GetProperty("expires_in").GetInt32());
        using var viewer = _server.CreateClient(cookies: false);
        var read = await GraphClient.PostAsync(viewer, token.GetProperty("access_token").GetString(), "query($m: ID!) { model(id: $m) { name } }", new { m = model });
        Assert.False(read.HasErrors, read.ToString());
        // The embed token reads that one model and nothing else.
        Assert.True((await GraphClient.PostAsync(viewer, token.GetProperty("access_token").GetString(), "{ models { totalResults } }")).HasErrors);
    }

    [Fact]
    public async Task Callback_WithAForgedStateOrNoStartedSignIn_ConnectsNothing()
    {
        using var visitor = Visitor();
        var issuer = Uri.EscapeDataString(_server.BaseAddress.ToString());
        var unsolicited = await visitor.GetStringAsync($"/callback?code=stolen&state=s&iss={issuer}");
        Assert.Contains("data-connected=\"false\"", unsolicited);

        var connect = await visitor.GetAsync("/connect");
        Assert.Equal(HttpStatusCode.Redirect, connect.StatusCode);
        var authorize = connect.Headers.Location!;
        Assert.StartsWith(_server.BaseAddress + "oauth/authorize?", authorize.ToString());
        Assert.Contains("code_challenge_method=S256", authorize.Query);
        var forged = await visitor.GetStringAsync($"/callback?code=stolen&state=attacker&iss={issuer}");
        Assert.Contains("data-connected=\"false\"", forged);

        var home = await visitor.GetStringAsync("/");
        Assert.Contains("Connect to Spacegate", home);
        Assert.DoesNotContain("id=\"spaces\"", home);
    }

    [Fact]
    public async Task Disconnect_WithoutTheAntiforgeryToken_IsRefused()
    {
        using var visitor = Visitor();
        await visitor.GetStringAsync("/");
        var response = await visitor.PostAsync("/disconnect", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Pages_AreServedOnTheRedirectUrisOriginOnly()
    {
        using var visitor = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://localhost:{_sample.BaseAddress.Port}/"),
        };
        var response = await visitor.GetAsync("/embed");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new Uri(_sample.BaseAddress, "/embed"), response.Headers.Location);
    }
}
