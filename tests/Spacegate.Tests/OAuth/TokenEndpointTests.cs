using System.Net;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;

namespace Spacegate.Tests.OAuth;

public sealed class TokenEndpointTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;
    private HttpClient Api => _server.CreateClient(cookies: false);

    private async Task<string> CodeAsync(string? challenge = null, string scope = "ViewDetails EditDetails")
    {
        var browser = _server.CreateClient();
        await SignInAsync(browser, "bob@demo.spacegate.test");
        return await GetCodeAsync(browser, AuthorizeUrl(scope: scope, challenge: challenge));
    }

    private static void AssertError(TokenResponse response, string error, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal(error, response.Error);
        Assert.Equal("application/json", response.Response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AuthorizationCode_Valid_ReturnsBearerTokensWithNoStore()
    {
        var token = await ExchangeCodeAsync(Api, await CodeAsync());
        Assert.Equal(HttpStatusCode.OK, token.Status);
        Assert.Equal("Bearer", token.Get("token_type"));
        Assert.InRange(token.ExpiresIn!.Value, 3590, 3600);
        Assert.Equal("ViewDetails EditDetails", token.Get("scope"));
        Assert.True(token.AccessToken!.Length >= 22, "at least 128 bits");
        Assert.Matches("^[A-Za-z0-9_-]+$", token.AccessToken);
        Assert.False(string.IsNullOrEmpty(token.RefreshToken));
        Assert.Contains("no-store", token.Response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task AuthorizationCode_ClientSecretBasic_IsAccepted()
    {
        var code = await CodeAsync();
        var http = Api;
        http.DefaultRequestHeaders.Authorization = Basic(AcmeClientId, AcmeSecret);
        var token = await PostTokenAsync(http, ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", AcmeRedirect));
        Assert.Equal(HttpStatusCode.OK, token.Status);
    }

    [Fact]
    public async Task AuthorizationCode_WrongSecret_InvalidClient401()
    {
        var token = await ExchangeCodeAsync(Api, await CodeAsync(), secret: "not-the-secret");
        AssertError(token, "invalid_client", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_UnknownClient_InvalidClient401()
    {
        AssertError(await ClientCredentialsAsync(Api, "nosuchclient0000000000000", "x"), "invalid_client", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AuthorizationCode_MismatchingRedirectUri_InvalidGrant()
    {
        AssertError(await ExchangeCodeAsync(Api, await CodeAsync(), redirectUri: "http://localhost:8085/other"), "invalid_grant");
    }

    [Fact]
    public async Task AuthorizationCode_ScopeBeyondConsent_InvalidScope()
    {
        var token = await ExchangeCodeAsync(Api, await CodeAsync(), extra: ("scope", "ViewDetails PurchaseAssets"));
        AssertError(token, "invalid_scope");
    }

    [Fact]
    public async Task AuthorizationCode_MatchingScopeParameter_IsAccepted()
    {
        var token = await ExchangeCodeAsync(Api, await CodeAsync(), extra: ("scope", "ViewDetails EditDetails"));
        Assert.Equal(HttpStatusCode.OK, token.Status);
    }

    [Fact]
    public async Task AuthorizationCode_Replay_FailsAndRevokesIssuedTokens()
    {
        var code = await CodeAsync();
        var first = await ExchangeCodeAsync(Api, code);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        AssertError(await ExchangeCodeAsync(Api, code), "invalid_grant");
        AssertError(await RefreshAsync(Api, first.RefreshToken!), "invalid_grant");
        Assert.False(await IsActiveAsync(first.AccessToken!));
    }

    [Fact]
    public async Task AuthorizationCode_Expired_InvalidGrant()
    {
        var code = await CodeAsync();
        _server.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(5));
        AssertError(await ExchangeCodeAsync(Api, code), "invalid_grant");
    }

    [Fact]
    public async Task AuthorizationCode_Pkce_RequiresTheRightVerifier()
    {
        var (verifier, challenge) = Pkce();
        AssertError(await ExchangeCodeAsync(Api, await CodeAsync(challenge)), "invalid_request"); // missing verifier
        AssertError(await ExchangeCodeAsync(Api, await CodeAsync(challenge), verifier: Pkce().Verifier), "invalid_grant");
        Assert.Equal(HttpStatusCode.OK, (await ExchangeCodeAsync(Api, await CodeAsync(challenge), verifier: verifier)).Status);
    }

    [Fact]
    public async Task AuthorizationCode_ExpiresInShorter_IsHonoured()
    {
        var token = await ExchangeCodeAsync(Api, await CodeAsync(), extra: ("expires_in", "15m"));
        Assert.InRange(token.ExpiresIn!.Value, 890, 900);
        var iso = await ExchangeCodeAsync(Api, await CodeAsync(), extra: ("expires_in", "PT60S"));
        Assert.InRange(iso.ExpiresIn!.Value, 50, 60);
    }

    [Fact]
    public async Task AuthorizationCode_ExpiresInOverCap_IsCappedAtAppDuration()
    {
        var token = await ExchangeCodeAsync(Api, await CodeAsync(), extra: ("expires_in", "24h"));
        Assert.Equal(HttpStatusCode.OK, token.Status);
        Assert.InRange(token.ExpiresIn!.Value, 3590, 3600);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0s")]
    [InlineData("-5m")]
    [InlineData("")]
    public async Task AuthorizationCode_MalformedExpiresIn_InvalidRequestNamingFormats(string expiresIn)
    {
        var token = await ExchangeCodeAsync(Api, await CodeAsync(), extra: ("expires_in", expiresIn));
        AssertError(token, "invalid_request");
        if (expiresIn.Length > 0)
        {
            Assert.Contains("PT10M", token.Get("error_description"));
        }
    }

    [Fact]
    public async Task Refresh_YoungerThan24Hours_NewAccessTokenWithoutRefreshToken()
    {
        var first = await ExchangeCodeAsync(Api, await CodeAsync());
        _server.Advance(TimeSpan.FromHours(23));
        var refreshed = await RefreshAsync(Api, first.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
        Assert.Null(refreshed.RefreshToken);
        Assert.Contains("no-store", refreshed.Response.Headers.CacheControl!.ToString());
        // Still usable: no rotation happened.
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(Api, first.RefreshToken!)).Status);
    }

    [Fact]
    public async Task Refresh_Stale_RotatesOnceAndReuseInsideLeewayGetsSameSuccessor()
    {
        var first = await ExchangeCodeAsync(Api, await CodeAsync());
        _server.Advance(TimeSpan.FromHours(25));
        var rotated = await RefreshAsync(Api, first.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        Assert.False(string.IsNullOrEmpty(rotated.RefreshToken));
        Assert.NotEqual(first.RefreshToken, rotated.RefreshToken);

        _server.Advance(TimeSpan.FromSeconds(30));
        var again = await RefreshAsync(Api, first.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(rotated.RefreshToken, again.RefreshToken);
        Assert.NotEqual(rotated.AccessToken, again.AccessToken);

        // The successor is young: refreshing with it returns no new refresh token.
        var next = await RefreshAsync(Api, rotated.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, next.Status);
        Assert.Null(next.RefreshToken);
    }

    [Fact]
    public async Task Refresh_StaleReusedAfterLeeway_InvalidGrantAndWholeGrantRevoked()
    {
        var first = await ExchangeCodeAsync(Api, await CodeAsync());
        _server.Advance(TimeSpan.FromHours(25));
        var rotated = await RefreshAsync(Api, first.RefreshToken!);
        _server.Advance(TimeSpan.FromSeconds(61));
        AssertError(await RefreshAsync(Api, first.RefreshToken!), "invalid_grant");
        AssertError(await RefreshAsync(Api, rotated.RefreshToken!), "invalid_grant");
        Assert.False(await IsActiveAsync(rotated.AccessToken!));
    }

    [Fact]
    public async Task Refresh_After30Days_InvalidGrant()
    {
        var first = await ExchangeCodeAsync(Api, await CodeAsync());
        _server.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        AssertError(await RefreshAsync(Api, first.RefreshToken!), "invalid_grant");
    }

    [Fact]
    public async Task Refresh_UnknownToken_InvalidGrant()
    {
        AssertError(await RefreshAsync(Api, "not-a-refresh-token"), "invalid_grant");
    }

    [Fact]
    public async Task Refresh_ByAnotherClient_IsRejected()
    {
        var first = await ExchangeCodeAsync(Api, await CodeAsync());
        var response = await RefreshAsync(Api, first.RefreshToken!, GlobexClientId, GlobexSecret);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_grant", response.Error);
    }

    [Fact]
    public async Task Refresh_FiftyParallelOnStaleToken_AllSucceedWithOneSuccessor()
    {
        var first = await ExchangeCodeAsync(Api, await CodeAsync());
        _server.Advance(TimeSpan.FromHours(25));
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => RefreshAsync(Api, first.RefreshToken!)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var successors = responses.Select(r => r.RefreshToken).Distinct().ToList();
        Assert.Single(successors);
        Assert.NotNull(successors[0]);
        Assert.Equal(50, responses.Select(r => r.AccessToken).Distinct().Count());
    }

    [Fact]
    public async Task ClientCredentials_PmeAccount_ReturnsTokenWithoutRefreshToken()
    {
        var token = await ClientCredentialsAsync(Api);
        Assert.Equal(HttpStatusCode.OK, token.Status);
        Assert.Equal("Bearer", token.Get("token_type"));
        Assert.Null(token.RefreshToken);
        Assert.InRange(token.ExpiresIn!.Value, 3590, 3600);
        Assert.Contains("ViewPublic", token.Get("scope"));
    }

    [Fact]
    public async Task ClientCredentials_NonPmeAccount_UnauthorizedClient()
    {
        AssertError(await ClientCredentialsAsync(Api, AcmeClientId, AcmeSecret), "unauthorized_client");
    }

    [Fact]
    public async Task ClientCredentials_ScopeOutsideApp_InvalidScope()
    {
        var token = await PostTokenAsync(Api, ("grant_type", "client_credentials"), ("client_id", GlobexClientId),
            ("client_secret", GlobexSecret), ("scope", "ViewDetails Teleport"));
        AssertError(token, "invalid_scope");
    }

    [Fact]
    public async Task Token_UnsupportedGrantType_Error()
    {
        var token = await PostTokenAsync(Api, ("grant_type", "password"), ("client_id", GlobexClientId), ("client_secret", GlobexSecret),
            ("username", "a"), ("password", "b"));
        AssertError(token, "unsupported_grant_type");
    }

    [Fact]
    public async Task Token_BadInput_JsonErrorsNeverServerErrors()
    {
        var http = Api;
        var cases = new List<HttpContent>
        {
            new StringContent("{\"grant_type\":\"client_credentials\"}", System.Text.Encoding.UTF8, "application/json"),
            new StringContent("grant_type=client_credentials&grant_type=client_credentials&client_id=" + GlobexClientId + "&client_secret=" + GlobexSecret,
                System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
            new StringContent("grant_type=%ZZ&client_id=%", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
            new StringContent("grant_type=client_credentials&client_id=" + new string('a', 200_000), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
            new ByteArrayContent([0xff, 0xfe, 0x00, 0x41]) { Headers = { ContentType = new("application/x-www-form-urlencoded") } },
            new StringContent("", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        foreach (var content in cases)
        {
            var response = await http.PostAsync("/api/oauth/token", content);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{response.StatusCode}: {body}");
            Assert.Contains("\"error\"", body);
        }
        Assert.Equal(HttpStatusCode.OK, (await ClientCredentialsAsync(http)).Status);
    }

    private async Task<bool> IsActiveAsync(string token)
    {
        var response = await Api.PostAsync("/api/oauth/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token, ["client_id"] = AcmeClientId, ["client_secret"] = AcmeSecret,
        }));
        var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return json.GetProperty("active").GetBoolean();
    }
}
