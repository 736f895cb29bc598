using System.Net;
using System.Web;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;

namespace Spacegate.Tests.OAuth;

public sealed class AuthorizeEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    private async Task<HttpClient> SignedInAsync(string email = "bob@demo.spacegate.test")
    {
        var browser = _server.CreateClient();
        await SignInAsync(browser, email);
        return browser;
    }

    private static System.Collections.Specialized.NameValueCollection RedirectQuery(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(AcmeRedirect, response.Headers.Location!.ToString());
        return HttpUtility.ParseQueryString(response.Headers.Location!.Query);
    }

    [Fact]
    public async Task Authorize_NotSignedIn_RedirectsToSignInAndBack()
    {
        var response = await _server.CreateClient().GetAsync(AuthorizeUrl());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Contains("/account/login", location);
        Assert.Contains(Uri.EscapeDataString("/oauth/authorize?"), location);
    }

    [Fact]
    public async Task Authorize_UnknownClient_ShowsErrorPageWithoutRedirect()
    {
        var browser = await SignedInAsync();
        var response = await browser.GetAsync(AuthorizeUrl(clientId: "nosuchclient0000000000000"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("not registered", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("http://localhost:8085/other")]
    [InlineData("http://localhost:8085/callback/")]
    [InlineData("http://LOCALHOST:8085/callback")]
    [InlineData("https://evil.example/callback")]
    public async Task Authorize_UnregisteredRedirectUri_ShowsErrorPageWithoutRedirect(string redirectUri)
    {
        var browser = await SignedInAsync();
        var response = await browser.GetAsync(AuthorizeUrl(redirectUri: redirectUri));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("redirect", (await response.Content.ReadAsStringAsync()).ToLowerInvariant());
    }

    [Fact]
    public async Task Authorize_RedirectUriOmittedWithSingleRegistered_Works()
    {
        var browser = await SignedInAsync();
        var code = await GetCodeAsync(browser, AuthorizeUrl(redirectUri: null));
        var token = await PostTokenAsync(_server.CreateClient(false), ("grant_type", "authorization_code"), ("code", code),
            ("client_id", AcmeClientId), ("client_secret", AcmeSecret));
        Assert.Equal(HttpStatusCode.OK, token.Status);
    }

    [Fact]
    public async Task Authorize_ScopeOutsideApp_RedirectsInvalidScopeWithState()
    {
        var browser = await SignedInAsync("carol@demo.spacegate.test");
        // Globex's app is in production; ask for a scope that does not exist.
        var response = await browser.GetAsync(AuthorizeUrl(clientId: GlobexClientId, redirectUri: "http://localhost:8086/callback", scope: "ViewDetails Teleport"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = HttpUtility.ParseQueryString(response.Headers.Location!.Query);
        Assert.Equal("invalid_scope", query["error"]);
        Assert.Equal("xyz", query["state"]);
    }

    [Fact]
    public async Task Authorize_MissingScope_RedirectsInvalidRequest()
    {
        var browser = await SignedInAsync();
        var query = RedirectQuery(await browser.GetAsync(AuthorizeUrl(scope: null)));
        Assert.Equal("invalid_request", query["error"]);
        Assert.Equal("xyz", query["state"]);
    }

    [Fact]
    public async Task Authorize_TokenResponseTypeForConfidentialApp_RedirectsUnauthorizedClient()
    {
        var browser = await SignedInAsync();
        var response = await browser.GetAsync(AuthorizeUrl(responseType: "token"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Contains("error=unauthorized_client", location);
    }

    [Fact]
    public async Task Authorize_UnknownResponseType_RedirectsUnsupportedResponseType()
    {
        var browser = await SignedInAsync();
        var query = RedirectQuery(await browser.GetAsync(AuthorizeUrl(responseType: "bogus")));
        Assert.Equal("unsupported_response_type", query["error"]);
    }

    [Fact]
    public async Task Authorize_PlainPkceMethod_IsRejected()
    {
        var browser = await SignedInAsync();
        var query = RedirectQuery(await browser.GetAsync(AuthorizeUrl() + "&code_challenge=abcdefghijabcdefghijabcdefghijabcdefghijabc&code_challenge_method=plain"));
        Assert.Equal("invalid_request", query["error"]);
    }

    [Fact]
    public async Task Authorize_Deny_RedirectsAccessDeniedWithState()
    {
        var browser = await SignedInAsync();
        var query = RedirectQuery(await ConsentAsync(browser, AuthorizeUrl(), "deny"));
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal("xyz", query["state"]);
        Assert.Null(query["code"]);
    }

    [Fact]
    public async Task Authorize_Allow_RedirectsWithCodeAndState()
    {
        var browser = await SignedInAsync();
        var query = RedirectQuery(await ConsentAsync(browser, AuthorizeUrl()));
        Assert.False(string.IsNullOrEmpty(query["code"]));
        Assert.Equal("xyz", query["state"]);
    }

    [Fact]
    public async Task Authorize_ConsentPage_NamesAppAccountAndScopesAndWarnsAboutPurchases()
    {
        var browser = await SignedInAsync();
        var response = await browser.GetAsync(AuthorizeUrl(scope: "ViewDetails PurchaseAssets"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Acme Listings Sync", html);
        Assert.Contains("Acme Realty", html);
        Assert.Contains("data-scope=\"ViewDetails\"", html);
        Assert.Contains("data-scope=\"PurchaseAssets\"", html);
        Assert.Contains("charged to the account", html);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Authorize_ConsentPostWithoutAntiforgery_IsRejected()
    {
        var browser = await SignedInAsync();
        var html = await (await browser.GetAsync(AuthorizeUrl())).Content.ReadAsStringAsync();
        var fields = HiddenFields(html).Where(f => f.Key != "__RequestVerificationToken").ToList();
        fields.Add(new("spacegate_decision", "allow"));
        var response = await browser.PostAsync("/oauth/authorize", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Authorize_DevelopmentAppByOutsider_ShowsErrorPage()
    {
        var browser = await SignedInAsync("carol@demo.spacegate.test");
        var response = await browser.GetAsync(AuthorizeUrl());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("development mode", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Authorize_UserInSeveralAccounts_ChoosesAccountBeforeConsent()
    {
        var browser = await SignedInAsync("alice@demo.spacegate.test");
        var url = AuthorizeUrl(clientId: GlobexClientId, redirectUri: "http://localhost:8086/callback", scope: "ViewPublic");
        var chooser = await (await browser.GetAsync(url)).Content.ReadAsStringAsync();
        Assert.Contains("Which account", chooser);
        Assert.Contains("Acme Realty", chooser);
        Assert.Contains("Globex Estates", chooser);
        var response = await ConsentAsync(browser, url, "allow", account: "globex");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("code=", response.Headers.Location!.Query);
    }

    [Fact]
    public async Task Authorize_ChosenAccountNotTheUsers_ShowsError()
    {
        var browser = await SignedInAsync("carol@demo.spacegate.test");
        var url = AuthorizeUrl(clientId: GlobexClientId, redirectUri: "http://localhost:8086/callback", scope: "ViewPublic");
        var html = await (await browser.GetAsync(url)).Content.ReadAsStringAsync();
        var fields = HiddenFields(html).Where(f => f.Key != "spacegate_account").ToList();
        fields.Add(new("spacegate_account", "acme"));
        fields.Add(new("spacegate_decision", "allow"));
        var response = await browser.PostAsync("/oauth/authorize", new FormUrlEncodedContent(fields));
        Assert.Null(response.Headers.Location);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Authorize_MalformedAndDuplicatedParameters_NeverServerError()
    {
        var browser = await SignedInAsync();
        string[] urls =
        [
            AuthorizeUrl() + "&client_id=" + AcmeClientId,
            AuthorizeUrl() + "&state=again",
            "/oauth/authorize?client_id=%ZZ&response_type=code",
            "/oauth/authorize?" + new string('a', 20_000) + "=1",
            "/oauth/authorize",
            AuthorizeUrl(scope: new string('x', 5000)),
        ];
        foreach (var url in urls)
        {
            var response = await browser.GetAsync(url);
            Assert.True((int)response.StatusCode < 500, $"{url[..Math.Min(80, url.Length)]} gave {response.StatusCode}");
        }
    }
}
