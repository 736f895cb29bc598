using System.Net;
using System.Text.RegularExpressions;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;

namespace Spacegate.Tests.Pages;

/// <summary>Connected apps over HTTP: own grants, an admin's view of the account, the confirmation step.</summary>
public sealed class ConnectedAppsPagesTests : IAsyncLifetime
{
    private const string Alice = "alice@demo.spacegate.test";
    private const string Bob = "bob@demo.spacegate.test";
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string GrantIdIn(string html, string sectionId)
    {
        var start = html.IndexOf($"id=\"{sectionId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No section {sectionId}");
        return Regex.Match(html[start..], "data-grant=\"([^\"]+)\"").Groups[1].Value;
    }

    [Fact]
    public async Task User_SeesOwnGrantInPlainWords_AdminSeesItUnderTheAccount_OutsiderDoesNot()
    {
        var token = await FullCodeFlowAsync(_server, Bob, "ViewDetails PurchaseAssets");
        using var bob = await PageSession.SignInAsync(_server, Bob);
        var own = await bob.GetAsync("/connected-apps");
        var grantId = GrantIdIn(own.Html, "mine");
        Assert.False(string.IsNullOrEmpty(grantId));
        Assert.Contains("Acme Listings Sync", own.Html);
        Assert.Contains("Search all of this account's spaces", WebUtility.HtmlDecode(own.Html));
        Assert.Contains("charged to the account", own.Html);
        Assert.Contains("<time datetime=", own.Html);
        Assert.DoesNotContain("id=\"others\"", own.Html);

        using var alice = await PageSession.SignInAsync(_server, Alice);
        var adminView = await alice.GetAsync("/connected-apps");
        Assert.Equal(grantId, GrantIdIn(adminView.Html, "others"));
        Assert.Contains("Bob Baker", adminView.Html);
        Assert.Contains("id=\"no-grants\"", adminView.Html);

        using var carol = await PageSession.SignInAsync(_server, "carol@demo.spacegate.test");
        Assert.DoesNotContain(grantId, (await carol.GetAsync("/connected-apps")).Html);
        Assert.Equal(HttpStatusCode.NotFound, (await carol.GetAsync("/connected-apps/revoke/" + grantId)).Status);
        var refused = await carol.PostAsync("/connected-apps?handler=Revoke", ("grantId", grantId));
        Assert.Equal(HttpStatusCode.Redirect, refused.Status);
        Assert.Contains("not yours to revoke", PageSession.TextOf((await carol.GetAsync("/connected-apps")).Html, "status"));
        using var api = _server.CreateClient(cookies: false);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(api, token.RefreshToken!)).Status);
    }

    [Fact]
    public async Task Revoke_ConfirmationThenPost_StopsTokensAndSaysSo()
    {
        var token = await FullCodeFlowAsync(_server, Bob);
        using var bob = await PageSession.SignInAsync(_server, Bob);
        var grantId = GrantIdIn((await bob.GetAsync("/connected-apps")).Html, "mine");

        var confirm = await bob.GetAsync("/connected-apps/revoke/" + grantId);
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        Assert.Contains("Revoke “Acme Listings Sync” on Acme Realty?", confirm.Html);
        Assert.Contains("action=\"/connected-apps?handler=Revoke\"", confirm.Html);
        // Looking at the confirmation changes nothing.
        using var api = _server.CreateClient(cookies: false);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(api, token.RefreshToken!)).Status);

        var revoked = await bob.PostAsync("/connected-apps?handler=Revoke", ("grantId", grantId));
        Assert.Equal(HttpStatusCode.Redirect, revoked.Status);
        var after = await bob.GetAsync("/connected-apps");
        Assert.Contains("Revoked “Acme Listings Sync” on Acme Realty", PageSession.TextOf(after.Html, "status"));
        Assert.DoesNotContain(grantId, after.Html);
        var refresh = await RefreshAsync(api, token.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.Status);
        Assert.Equal("invalid_grant", refresh.Error);
    }
}
