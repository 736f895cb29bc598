using System.Net;
using System.Text.Json;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;

namespace Spacegate.Tests.OAuth;

public sealed class RevocationAndIntrospectionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;
    private HttpClient Api => _server.CreateClient(cookies: false);

    private async Task<JsonElement> IntrospectAsync(string token, string clientId = AcmeClientId, string secret = AcmeSecret)
    {
        var response = await Api.PostAsync("/api/oauth/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token, ["client_id"] = clientId, ["client_secret"] = secret,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Introspect_OwnActiveToken_ReportsScopeAndExpiry()
    {
        var token = await FullCodeFlowAsync(_server);
        var json = await IntrospectAsync(token.AccessToken!);
        Assert.True(json.GetProperty("active").GetBoolean());
        Assert.Equal("Bearer", json.GetProperty("token_type").GetString());
        Assert.Equal(AcmeClientId, json.GetProperty("client_id").GetString());
        Assert.True(json.GetProperty("exp").GetInt64() > 0);
    }

    [Fact]
    public async Task Introspect_AnotherClientsToken_IsInactive()
    {
        var token = await ClientCredentialsAsync(Api);
        var json = await IntrospectAsync(token.AccessToken!);
        Assert.False(json.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Introspect_WithoutClientAuthentication_IsRejected()
    {
        var response = await Api.PostAsync("/api/oauth/introspect", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "x" }));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("\"error\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Revoke_RefreshToken_StopsRefresh()
    {
        var token = await FullCodeFlowAsync(_server);
        var response = await Api.PostAsync("/api/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token.RefreshToken!, ["token_type_hint"] = "refresh_token", ["client_id"] = AcmeClientId, ["client_secret"] = AcmeSecret,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refresh = await RefreshAsync(Api, token.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.Status);
        Assert.Equal("invalid_grant", refresh.Error);
    }

    [Fact]
    public async Task Revoke_AccessToken_BecomesInactive()
    {
        var token = await ClientCredentialsAsync(Api);
        var response = await Api.PostAsync("/api/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token.AccessToken!, ["client_id"] = GlobexClientId, ["client_secret"] = GlobexSecret,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await IntrospectAsync(token.AccessToken!, GlobexClientId, GlobexSecret)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task ConnectedApps_UserRevokesGrant_EveryTokenStopsAtOnce()
    {
        var browser = _server.CreateClient();
        await SignInAsync(browser, "bob@demo.spacegate.test");
        var token = await ExchangeCodeAsync(Api, await GetCodeAsync(browser, AuthorizeUrl()));
        var page = await browser.GetStringAsync("/connected-apps");
        Assert.Contains("Acme Listings Sync", page);
        var grantId = System.Text.RegularExpressions.Regex.Match(page, "data-grant=\"([^\"]+)\"").Groups[1].Value;

        var response = await browser.PostAsync("/connected-apps?handler=Revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grantId"] = grantId, ["__RequestVerificationToken"] = Antiforgery(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var refresh = await RefreshAsync(Api, token.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.Status);
        Assert.Equal("invalid_grant", refresh.Error);
        Assert.False((await IntrospectAsync(token.AccessToken!)).GetProperty("active").GetBoolean());
        Assert.DoesNotContain(grantId, await browser.GetStringAsync("/connected-apps"));
    }

    [Fact]
    public async Task ConnectedApps_AccountAdminSeesAndRevokesAnotherMembersGrant()
    {
        var token = await FullCodeFlowAsync(_server, "bob@demo.spacegate.test");
        var admin = _server.CreateClient();
        await SignInAsync(admin, "alice@demo.spacegate.test");
        var page = await admin.GetStringAsync("/connected-apps");
        Assert.Contains("Bob Baker", page);
        var grantId = System.Text.RegularExpressions.Regex.Match(page, "data-grant=\"([^\"]+)\"").Groups[1].Value;
        await admin.PostAsync("/connected-apps?handler=Revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grantId"] = grantId, ["__RequestVerificationToken"] = Antiforgery(page),
        }));
        Assert.Equal("invalid_grant", (await RefreshAsync(Api, token.RefreshToken!)).Error);
    }

    [Fact]
    public async Task ConnectedApps_OutsiderCannotRevokeSomeoneElsesGrant()
    {
        var token = await FullCodeFlowAsync(_server, "bob@demo.spacegate.test");
        var owner = _server.CreateClient();
        await SignInAsync(owner, "bob@demo.spacegate.test");
        var grantId = System.Text.RegularExpressions.Regex.Match(await owner.GetStringAsync("/connected-apps"), "data-grant=\"([^\"]+)\"").Groups[1].Value;

        var outsider = _server.CreateClient();
        await SignInAsync(outsider, "carol@demo.spacegate.test");
        var page = await outsider.GetStringAsync("/connected-apps");
        Assert.DoesNotContain(grantId, page);
        await outsider.PostAsync("/connected-apps?handler=Revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grantId"] = grantId, ["__RequestVerificationToken"] = Antiforgery(page),
        }));
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(Api, token.RefreshToken!)).Status);
    }

    [Fact]
    public async Task Metadata_AdvertisesEndpointsGrantsAndS256()
    {
        var json = JsonDocument.Parse(await Api.GetStringAsync("/.well-known/oauth-authorization-server")).RootElement;
        Assert.EndsWith("/oauth/authorize", json.GetProperty("authorization_endpoint").GetString());
        Assert.EndsWith("/api/oauth/token", json.GetProperty("token_endpoint").GetString());
        Assert.EndsWith("/api/oauth/revoke", json.GetProperty("revocation_endpoint").GetString());
        Assert.EndsWith("/api/oauth/introspect", json.GetProperty("introspection_endpoint").GetString());
        Assert.Equal(["S256"], json.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        var grants = json.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("authorization_code", grants);
        Assert.Contains("refresh_token", grants);
        Assert.Contains("client_credentials", grants);
        var scopes = json.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("PurchaseAssets", scopes);
        var auth = json.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("client_secret_post", auth);
        Assert.Contains("client_secret_basic", auth);
        Assert.Contains("code", json.GetProperty("response_types_supported").EnumerateArray().Select(e => e.GetString()));
    }
}
