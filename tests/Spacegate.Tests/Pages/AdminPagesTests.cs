using System.Net;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Domain;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Pages;

/// <summary>The platform admin page over HTTP: access, the approval queue, account flags.</summary>
public sealed class AdminPagesTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Admin = "admin@demo.spacegate.test";
    private const string Alice = "alice@demo.spacegate.test";
    private TestServer Server => fixture.Server;

    private async Task<string> PendingAppAsync(string name)
    {
        using var alice = await PageSession.SignInAsync(Server, Alice);
        var clientId = PageSession.ValueOf((await DeveloperPagesTests.CreateAsync(alice, "acme", name, scopes: ["ViewPublic", "PurchaseAssets"])).Html, "client-id")!;
        Assert.Equal(HttpStatusCode.Redirect, (await alice.PostAsync("/developer?handler=RequestProduction", ("clientId", clientId))).Status);
        return clientId;
    }

    [Theory]
    [InlineData(Alice)]
    [InlineData("carol@demo.spacegate.test")]
    public async Task NonAdmin_GetsForbiddenPageAndCannotAct(string email)
    {
        var clientId = await PendingAppAsync("Forbidden Probe " + email[..3]);
        using var user = await PageSession.SignInAsync(Server, email);

        var page = await user.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("Not allowed", page.Html);
        Assert.DoesNotContain("href=\"/admin\"", (await user.GetAsync("/")).Html);

        Assert.Equal(HttpStatusCode.Forbidden, (await user.PostAsync("/admin?handler=Approve", ("clientId", clientId))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PostAsync("/admin?handler=Flags", ("accountId", "acme"))).Status);
        Assert.Equal(ApplicationMode.Pending, await TestData.ModeOfAsync(Server, clientId));
        Assert.True(await TestData.QueryAsync(Server, db => db.Accounts.Where(a => a.Id == "acme").Select(a => a.DeveloperTools).SingleAsync()));
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        using var anonymous = Server.CreateClient();
        var response = await anonymous.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Queue_ListsPendingAppWithAccountScopesAndRedirectUris_ApproveMakesItProduction()
    {
        var clientId = await PendingAppAsync("Queue Listing");
        using var admin = await PageSession.SignInAsync(Server, Admin);
        var page = await admin.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("href=\"/admin\"", page.Html);
        var article = page.Html[page.Html.IndexOf($"data-client-id=\"{clientId}\"", StringComparison.Ordinal)..];
        article = article[..article.IndexOf("</article>", StringComparison.Ordinal)];
        Assert.Contains("Queue Listing", article);
        Assert.Contains("Acme Realty", article);
        Assert.Contains("PurchaseAssets", article);
        Assert.Contains("https://app.example/callback", article);

        var approved = await admin.PostAsync("/admin?handler=Approve", ("clientId", clientId));
        Assert.Equal(HttpStatusCode.Redirect, approved.Status);
        Assert.Equal(ApplicationMode.Production, await TestData.ModeOfAsync(Server, clientId));
        var after = await admin.GetAsync("/admin");
        Assert.Contains("Approved “Queue Listing”", PageSession.TextOf(after.Html, "status"));
        Assert.DoesNotContain($"data-client-id=\"{clientId}\"", after.Html);
    }

    [Fact]
    public async Task Approve_AppThatIsNotPending_IsRefused()
    {
        using var alice = await PageSession.SignInAsync(Server, Alice);
        var clientId = PageSession.ValueOf((await DeveloperPagesTests.CreateAsync(alice, "acme", "Never Asked")).Html, "client-id")!;
        using var admin = await PageSession.SignInAsync(Server, Admin);
        await admin.PostAsync("/admin?handler=Approve", ("clientId", clientId));
        Assert.Equal(ApplicationMode.Development, await TestData.ModeOfAsync(Server, clientId));
        Assert.Contains("not waiting for approval", PageSession.TextOf((await admin.GetAsync("/admin")).Html, "status"));
    }

    [Fact]
    public async Task Reject_WithoutReason_ShowsMessageBesideTheFieldAndKeepsItPending()
    {
        var clientId = await PendingAppAsync("Reject Probe");
        using var admin = await PageSession.SignInAsync(Server, Admin);

        var response = await admin.PostAsync("/admin?handler=Reject", ("clientId", clientId), ("reason", "   "));
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("A reason for the rejection is required", PageSession.TextOf(response.Html, "reason-error-" + clientId));
        Assert.Contains($"aria-describedby=\"reason-error-{clientId}\"", response.Html);
        Assert.Equal(ApplicationMode.Pending, await TestData.ModeOfAsync(Server, clientId));

        var rejected = await admin.PostAsync("/admin?handler=Reject", ("clientId", clientId), ("reason", "Add a privacy policy URL."));
        Assert.Equal(HttpStatusCode.Redirect, rejected.Status);
        Assert.Equal(ApplicationMode.Development, await TestData.ModeOfAsync(Server, clientId));

        using var alice = await PageSession.SignInAsync(Server, Alice);
        var developer = await alice.GetAsync("/developer?account=acme");
        var article = developer.Html[developer.Html.IndexOf($"data-client-id=\"{clientId}\"", StringComparison.Ordinal)..];
        Assert.Contains("Add a privacy policy URL.", article[..article.IndexOf("</article>", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task Flags_SavedPerAccount_UncheckedMeansOff()
    {
        await TestData.CreateAccountAsync(Server, "flagco", "Flag Company", developerTools: false);
        using var admin = await PageSession.SignInAsync(Server, Admin);
        Assert.Contains("data-account=\"flagco\"", (await admin.GetAsync("/admin")).Html);

        var saved = await admin.PostAsync("/admin?handler=Flags", ("accountId", "flagco"), ("developerTools", "true"), ("pmeEnabled", "true"));
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var flags = await TestData.QueryAsync(Server, db => db.Accounts.AsNoTracking().SingleAsync(a => a.Id == "flagco"));
        Assert.True(flags.DeveloperTools);
        Assert.False(flags.Enterprise);
        Assert.True(flags.PmeEnabled);
        var page = await admin.GetAsync("/admin");
        Assert.Contains("Developer Tools on, enterprise off, Private Model Embed on", PageSession.TextOf(page.Html, "status"));
        Assert.Matches("id=\"dt-flagco\"[^>]*checked", page.Html);
        Assert.DoesNotMatch("id=\"ent-flagco\"[^>]*checked", page.Html);

        await admin.PostAsync("/admin?handler=Flags", ("accountId", "flagco"));
        flags = await TestData.QueryAsync(Server, db => db.Accounts.AsNoTracking().SingleAsync(a => a.Id == "flagco"));
        Assert.False(flags.DeveloperTools || flags.Enterprise || flags.PmeEnabled);

        await admin.PostAsync("/admin?handler=Flags", ("accountId", "no-such-account"), ("developerTools", "true"));
        Assert.Contains("does not exist", PageSession.TextOf((await admin.GetAsync("/admin")).Html, "status"));
    }
}
