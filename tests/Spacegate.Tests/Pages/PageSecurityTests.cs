using System.Net;
using System.Text.RegularExpressions;
using Spacegate.Server.Seeding;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Pages;

/// <summary>Every portal page refuses framing, and every form refuses a post without the antiforgery token.</summary>
public sealed class PageSecurityTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    [Theory]
    [InlineData("alice@demo.spacegate.test", "/developer")]
    [InlineData("alice@demo.spacegate.test", "/developer/apps/new?account=acme")]
    [InlineData("alice@demo.spacegate.test", "/developer/apps/" + DemoData.AcmeAppClientId + "/edit")]
    [InlineData("alice@demo.spacegate.test", "/developer/apps/" + DemoData.AcmeAppClientId + "/delete")]
    [InlineData("alice@demo.spacegate.test", "/developer/apps/" + DemoData.AcmeAppClientId + "/reset-secret")]
    [InlineData("alice@demo.spacegate.test", "/connected-apps")]
    [InlineData("admin@demo.spacegate.test", "/admin")]
    [InlineData("bob@demo.spacegate.test", "/admin")]
    public async Task Page_CannotBeFramed(string email, string url)
    {
        using var session = await PageSession.SignInAsync(Server, email);
        var page = await session.GetAsync(url);
        Assert.True(page.Status is HttpStatusCode.OK or HttpStatusCode.Forbidden, $"{url}: {page.Status}");
        Assert.Equal("DENY", page.Header("X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", page.Header("Content-Security-Policy"));
    }

    [Fact]
    public async Task RevokeConfirmation_CannotBeFramed()
    {
        await OAuthClient.FullCodeFlowAsync(Server);
        using var bob = await PageSession.SignInAsync(Server, "bob@demo.spacegate.test");
        var grantId = Regex.Match((await bob.GetAsync("/connected-apps")).Html, "data-grant=\"([^\"]+)\"").Groups[1].Value;
        var page = await bob.GetAsync("/connected-apps/revoke/" + grantId);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("DENY", page.Header("X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", page.Header("Content-Security-Policy"));
    }

    [Theory]
    [InlineData("alice@demo.spacegate.test", "/developer/apps/new?account=acme", "Form.Name=Forged&Form.RedirectUris=https%3A%2F%2Fevil.example%2Fcb&Form.Scopes=ViewDetails&account=acme")]
    [InlineData("alice@demo.spacegate.test", "/developer/apps/" + DemoData.AcmeAppClientId + "/edit", "Form.Name=Forged&Form.RedirectUris=https%3A%2F%2Fevil.example%2Fcb&Form.Scopes=ViewDetails")]
    [InlineData("alice@demo.spacegate.test", "/developer/apps/" + DemoData.AcmeAppClientId + "/reset-secret", "")]
    [InlineData("alice@demo.spacegate.test", "/developer/apps/" + DemoData.AcmeAppClientId + "/delete", "")]
    [InlineData("alice@demo.spacegate.test", "/developer?handler=RequestProduction", "clientId=" + DemoData.AcmeAppClientId)]
    [InlineData("alice@demo.spacegate.test", "/connected-apps?handler=Revoke", "grantId=x")]
    [InlineData("admin@demo.spacegate.test", "/admin?handler=Approve", "clientId=" + DemoData.AcmeAppClientId)]
    [InlineData("admin@demo.spacegate.test", "/admin?handler=Reject", "clientId=" + DemoData.AcmeAppClientId + "&reason=x")]
    [InlineData("admin@demo.spacegate.test", "/admin?handler=Flags", "accountId=acme")]
    public async Task Post_WithoutAntiforgeryToken_IsRejectedAndChangesNothing(string email, string url, string body)
    {
        using var session = await PageSession.SignInAsync(Server, email);
        var fields = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p[1])));
        var response = await session.PostAsync(url, fields, antiforgery: false);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);

        // The demo app and account are untouched: same secret, same mode, same flags, no forged app.
        using var api = Server.CreateClient(cookies: false);
        Assert.Equal("unauthorized_client", (await OAuthClient.ClientCredentialsAsync(api, DemoData.AcmeAppClientId, DemoData.AcmeAppSecret)).Error);
        Assert.Equal(Spacegate.Server.Domain.ApplicationMode.Development, await TestData.ModeOfAsync(Server, DemoData.AcmeAppClientId));
        Assert.True(await TestData.QueryAsync(Server, db => Task.FromResult(db.Accounts.Single(a => a.Id == "acme").DeveloperTools)));
        Assert.False(await TestData.QueryAsync(Server, db => Task.FromResult(db.Applications.Any(a => a.DisplayName == "Forged"))));
    }
}
