using System.Net;
using Spacegate.Server.Seeding;
using Spacegate.Tests.Infrastructure;
using Spacegate.Tests.ModelApi;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;
using static Spacegate.Tests.Infrastructure.TokenManagementClient;

namespace Spacegate.Tests.OAuth;

/// <summary>RFC 7009 §2.1: a client revokes only what was issued to it; for anyone else's token it gets 200 and nothing happens.</summary>
public sealed class RevocationOwnershipTests(ModelApiFixture fixture) : IClassFixture<ModelApiFixture>
{
    private readonly TestServer _server = fixture.Server;
    private HttpClient Api => _server.CreateClient(cookies: false);

    private async Task<string> ImplicitAttackerAsync() =>
        await CreateImplicitAppAsync(_server, DemoData.GlobexAccountId, "Attacker " + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Revoke_AnotherAppsAccessToken_ByConfidentialClient_Returns200AndTokenKeepsWorking()
    {
        var victim = await FullCodeFlowAsync(_server);
        var response = await RevokeAsync(Api, victim.AccessToken!, GlobexClientId, GlobexSecret, "access_token");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("error", await response.Content.ReadAsStringAsync());
        Assert.True(await IsActiveAsync(Api, victim.AccessToken!, AcmeClientId, AcmeSecret));
        Assert.False((await GraphClient.PostAsync(Api, victim.AccessToken, "{ models { totalResults } }")).HasErrors);
    }

    [Fact]
    public async Task Revoke_AnotherAppsAccessToken_ByImplicitClient_Returns200AndTokenKeepsWorking()
    {
        var victim = await FullCodeFlowAsync(_server);
        var attacker = await ImplicitAttackerAsync();
        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(Api, victim.AccessToken!, attacker, null)).StatusCode);
        Assert.True(await IsActiveAsync(Api, victim.AccessToken!, AcmeClientId, AcmeSecret));
    }

    [Fact]
    public async Task Revoke_AnotherAppsRefreshToken_ByEitherClientKind_TokenKeepsRefreshing()
    {
        var victim = await FullCodeFlowAsync(_server);
        var attacker = await ImplicitAttackerAsync();
        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(Api, victim.RefreshToken!, GlobexClientId, GlobexSecret, "refresh_token")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(Api, victim.RefreshToken!, attacker, null, "refresh_token")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(Api, victim.RefreshToken!)).Status);
        Assert.True(await IsActiveAsync(Api, victim.AccessToken!, AcmeClientId, AcmeSecret));
    }

    [Fact]
    public async Task Revoke_AnotherAppsEmbedToken_ByEitherClientKind_EmbedKeepsLoading()
    {
        var embed = await MintEmbedTokenAsync(Api, TestModels.GlobexPrivate);
        var attacker = await ImplicitAttackerAsync();
        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(Api, embed, AcmeClientId, AcmeSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(Api, embed, attacker, null)).StatusCode);

        var model = await GraphClient.PostAsync(Api, embed, $"{{ model(id: \"{TestModels.GlobexPrivate}\") {{ name }} }}");
        Assert.False(model.HasErrors, model.ToString());
        Assert.True(await IsActiveAsync(Api, embed, GlobexClientId, GlobexSecret));
    }

    [Fact]
    public async Task Revoke_OwnTokens_ByOwner_StopsEachOfThem()
    {
        var own = await FullCodeFlowAsync(_server);
        var embed = await MintEmbedTokenAsync(Api, TestModels.GlobexPrivate);

        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(Api, own.AccessToken!, AcmeClientId, AcmeSecret)).StatusCode);
        Assert.False(await IsActiveAsync(Api, own.AccessToken!, AcmeClientId, AcmeSecret));
        Assert.Equal(HttpStatusCode.BadRequest, (await GraphClient.PostAsync(Api, own.AccessToken, "{ models { totalResults } }")).Status);

        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(Api, own.RefreshToken!, AcmeClientId, AcmeSecret)).StatusCode);
        Assert.Equal("invalid_grant", (await RefreshAsync(Api, own.RefreshToken!)).Error);

        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(Api, embed, GlobexClientId, GlobexSecret)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await GraphClient.PostAsync(Api, embed, $"{{ model(id: \"{TestModels.GlobexPrivate}\") {{ name }} }}")).Status);
    }

    [Fact]
    public async Task Revoke_OwnToken_ByImplicitApp_StopsIt()
    {
        var app = await ImplicitAttackerAsync();
        var browser = _server.CreateClient();
        await SignInAsync(browser, DemoData.Carol.Email);
        var redirect = await ConsentAsync(browser, AuthorizeUrl(app, "ViewPublic", "http://localhost:9090/callback", "token"));
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var fragment = System.Web.HttpUtility.ParseQueryString(redirect.Headers.Location!.Fragment.TrimStart('#'));
        var token = fragment["access_token"]!;
        Assert.Equal(HttpStatusCode.OK, (await GraphClient.PostAsync(Api, token, "{ models { totalResults } }")).Status);

        // Another (confidential) app cannot revoke it; the implicit app itself can, with its client_id alone.
        await RevokeAsync(Api, token, AcmeClientId, AcmeSecret);
        Assert.False((await GraphClient.PostAsync(Api, token, "{ models { totalResults } }")).HasErrors);
        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(Api, token, app, null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await GraphClient.PostAsync(Api, token, "{ models { totalResults } }")).Status);
    }

    [Fact]
    public async Task Revoke_WithoutClientIdOrWithWrongSecret_IsRefusedAndRevokesNothing()
    {
        var victim = await FullCodeFlowAsync(_server);
        var anonymous = await Api.PostAsync("/api/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = victim.AccessToken! }));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("invalid_client", await anonymous.Content.ReadAsStringAsync());
        var wrongSecret = await RevokeAsync(Api, victim.AccessToken!, AcmeClientId, "not-the-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        // A confidential client cannot pass itself off as public by leaving the secret out.
        var noSecret = await RevokeAsync(Api, victim.AccessToken!, AcmeClientId, null);
        Assert.Equal(HttpStatusCode.Unauthorized, noSecret.StatusCode);
        Assert.True(await IsActiveAsync(Api, victim.AccessToken!, AcmeClientId, AcmeSecret));
    }
}
