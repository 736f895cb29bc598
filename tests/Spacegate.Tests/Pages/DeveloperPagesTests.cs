using System.Net;
using Spacegate.Server.Domain;
using Spacegate.Server.Seeding;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Pages;

/// <summary>Developer Tools over HTTP: who may see and change apps, validation messages, the one-time secret.</summary>
public sealed class DeveloperPagesTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Alice = "alice@demo.spacegate.test";
    private const string Bob = "bob@demo.spacegate.test";
    private const string Carol = "carol@demo.spacegate.test";
    private TestServer Server => fixture.Server;

    internal static Task<PageResponse> CreateAsync(PageSession session, string account, string name,
        string redirectUris = "https://app.example/callback", string minutes = "60", string[]? scopes = null, string clientType = "confidential")
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("account", account), new("Form.Name", name), new("Form.RedirectUris", redirectUris),
            new("Form.AccessTokenMinutes", minutes), new("Form.ClientType", clientType),
        };
        fields.AddRange((scopes ?? ["ViewDetails"]).Select(s => new KeyValuePair<string, string>("Form.Scopes", s)));
        return session.PostAsync("/developer/apps/new?account=" + account, fields);
    }

    [Fact]
    public async Task Create_ValidForm_ShowsSecretOnceInNoStoreResponseAndItAuthenticates()
    {
        using var alice = await PageSession.SignInAsync(Server, Alice);
        var created = await CreateAsync(alice, "acme", "Listing Mirror", "https://mirror.example/cb\nhttp://localhost:9000/cb", "90",
            ["ViewDetails", "DownloadAssets"]);

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Contains("no-store", created.Header("Cache-Control"));
        var clientId = PageSession.ValueOf(created.Html, "client-id")!;
        var secret = PageSession.ValueOf(created.Html, "client-secret")!;
        Assert.Matches("^[a-z0-9]{25}$", clientId);
        Assert.True(secret.Length >= 40, secret);
        // The secret travels only in the page body, never in a cookie (TempData) or a redirect.
        Assert.All(created.Response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => Assert.DoesNotContain(secret, c));

        // Acme is not PME-enabled: a right secret gets unauthorized_client, a wrong one invalid_client.
        using var api = Server.CreateClient(cookies: false);
        Assert.Equal("unauthorized_client", (await OAuthClient.ClientCredentialsAsync(api, clientId, secret)).Error);
        Assert.Equal("invalid_client", (await OAuthClient.ClientCredentialsAsync(api, clientId, secret + "x")).Error);

        var list = await alice.GetAsync("/developer?account=acme");
        Assert.Contains(clientId, list.Html);
        Assert.Contains("https://mirror.example/cb", list.Html);
        Assert.Contains("90 minutes", list.Html);
        Assert.DoesNotContain(secret, list.Html);
        Assert.DoesNotContain(secret, (await alice.GetAsync($"/developer/apps/{clientId}/edit")).Html);
        Assert.DoesNotContain(secret, (await alice.GetAsync($"/developer/apps/{clientId}/reset-secret")).Html);
    }

    [Fact]
    public async Task Create_InvalidForm_ShowsEachMessageNextToItsFieldAndKeepsInput()
    {
        using var alice = await PageSession.SignInAsync(Server, Alice);
        var response = await CreateAsync(alice, "acme", "Acme Listings Sync", "ftp://files.example/cb", "1441", ["ViewDetails", "Teleport"]);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("already exists", PageSession.TextOf(response.Html, "error-Name"));
        Assert.Contains("ftp://files.example/cb", PageSession.TextOf(response.Html, "error-RedirectUris"));
        Assert.Contains("absolute http or https URL", PageSession.TextOf(response.Html, "error-RedirectUris"));
        Assert.Contains("between 1 minute and 24 hours", PageSession.TextOf(response.Html, "error-AccessTokenMinutes"));
        Assert.Contains("'Teleport' is unknown", PageSession.TextOf(response.Html, "error-Scopes"));
        Assert.Contains("aria-describedby=\"app-name-hint error-Name\"", response.Html);
        Assert.Contains("id=\"error-summary\"", response.Html);
        Assert.Equal("1441", PageSession.ValueOf(response.Html, "app-duration"));
        Assert.Null(PageSession.ValueOf(response.Html, "client-secret"));
    }

    [Theory]
    [InlineData("0", "between 1 minute and 24 hours")]
    [InlineData("ten", "between 1 minute and 24 hours")]
    public async Task Create_BadDuration_IsRejectedWithRangeMessage(string minutes, string message)
    {
        using var alice = await PageSession.SignInAsync(Server, Alice);
        var response = await CreateAsync(alice, "acme", "Duration Probe " + minutes, minutes: minutes);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(message, PageSession.TextOf(response.Html, "error-AccessTokenMinutes"));
    }

    [Fact]
    public async Task Create_NoRedirectUriNoScope_AsksForBoth()
    {
        using var alice = await PageSession.SignInAsync(Server, Alice);
        var response = await CreateAsync(alice, "acme", "Empty Fields", redirectUris: "  \n ", scopes: []);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("At least one redirect URI is required", PageSession.TextOf(response.Html, "error-RedirectUris"));
        Assert.Contains("Select at least one scope", PageSession.TextOf(response.Html, "error-Scopes"));
    }

    [Fact]
    public async Task Create_ImplicitClient_HasNoSecret()
    {
        using var alice = await PageSession.SignInAsync(Server, Alice);
        var created = await CreateAsync(alice, "acme", "Browser Viewer", clientType: "implicit");
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.NotNull(PageSession.ValueOf(created.Html, "client-id"));
        Assert.Null(PageSession.ValueOf(created.Html, "client-secret"));
        Assert.Contains("id=\"no-secret\"", created.Html);
    }

    [Fact]
    public async Task Edit_ChangesAreSavedAndValidated()
    {
        using var alice = await PageSession.SignInAsync(Server, Alice);
        var clientId = PageSession.ValueOf((await CreateAsync(alice, "acme", "Edit Me")).Html, "client-id")!;
        var form = await alice.GetAsync($"/developer/apps/{clientId}/edit");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Equal("Edit Me", PageSession.ValueOf(form.Html, "app-name"));

        var invalid = await alice.PostAsync($"/developer/apps/{clientId}/edit", ("Form.Name", "Edit Me"),
            ("Form.RedirectUris", "https://ok.example/cb#frag"), ("Form.AccessTokenMinutes", "60"), ("Form.Scopes", "ViewDetails"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Contains("without a fragment", PageSession.TextOf(invalid.Html, "error-RedirectUris"));

        var saved = await alice.PostAsync($"/developer/apps/{clientId}/edit", ("Form.Name", "Edited Name"),
            ("Form.RedirectUris", "https://ok.example/cb"), ("Form.AccessTokenMinutes", "15"), ("Form.Scopes", "ViewPublic"), ("Form.Scopes", "EditDetails"));
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var list = await alice.GetAsync(saved.Response.Headers.Location!.ToString());
        Assert.Contains("Saved the changes to “Edited Name”", PageSession.TextOf(list.Html, "status"));
        Assert.Contains("15 minutes", list.Html);
        Assert.Contains("https://ok.example/cb", list.Html);
    }

    [Fact]
    public async Task Delete_AfterConfirmation_RemovesTheAppAndItsCredentials()
    {
        using var alice = await PageSession.SignInAsync(Server, Alice);
        var created = await CreateAsync(alice, "acme", "Delete Me");
        var clientId = PageSession.ValueOf(created.Html, "client-id")!;
        var secret = PageSession.ValueOf(created.Html, "client-secret")!;

        var confirm = await alice.GetAsync($"/developer/apps/{clientId}/delete");
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        Assert.Contains("id=\"confirm-delete\"", confirm.Html);
        Assert.NotNull(await TestData.ModeOfAsync(Server, clientId));

        var deleted = await alice.PostAsync($"/developer/apps/{clientId}/delete");
        Assert.Equal(HttpStatusCode.Redirect, deleted.Status);
        Assert.Null(await TestData.ModeOfAsync(Server, clientId));
        using var api = Server.CreateClient(cookies: false);
        Assert.Equal("invalid_client", (await OAuthClient.ClientCredentialsAsync(api, clientId, secret)).Error);
        Assert.Contains("Deleted “Delete Me”", PageSession.TextOf((await alice.GetAsync("/developer?account=acme")).Html, "status"));
    }

    [Fact]
    public async Task RequestProduction_DevelopmentApp_BecomesPendingOnce()
    {
        using var alice = await PageSession.SignInAsync(Server, Alice);
        var clientId = PageSession.ValueOf((await CreateAsync(alice, "acme", "Going Live")).Html, "client-id")!;

        var requested = await alice.PostAsync("/developer?handler=RequestProduction", ("clientId", clientId));
        Assert.Equal(HttpStatusCode.Redirect, requested.Status);
        Assert.Equal(ApplicationMode.Pending, await TestData.ModeOfAsync(Server, clientId));
        var list = await alice.GetAsync("/developer?account=acme");
        Assert.Contains("Production access requested for “Going Live”", PageSession.TextOf(list.Html, "status"));

        await alice.PostAsync("/developer?handler=RequestProduction", ("clientId", clientId));
        Assert.Contains("not development", PageSession.TextOf((await alice.GetAsync("/developer?account=acme")).Html, "status"));
    }

    [Fact]
    public async Task Member_SeesAppsButCannotChangeThem()
    {
        using var bob = await PageSession.SignInAsync(Server, Bob);
        var list = await bob.GetAsync("/developer");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains(DemoData.AcmeAppClientId, list.Html);
        Assert.Contains("id=\"view-only\"", list.Html);
        Assert.DoesNotContain("id=\"new-app\"", list.Html);
        Assert.DoesNotContain("/reset-secret", list.Html);

        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync("/developer/apps/new?account=acme")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync($"/developer/apps/{DemoData.AcmeAppClientId}/edit")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await CreateAsync(bob, "acme", "Bob's App")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PostAsync($"/developer/apps/{DemoData.AcmeAppClientId}/reset-secret")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PostAsync($"/developer/apps/{DemoData.AcmeAppClientId}/delete")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PostAsync("/developer?handler=RequestProduction", ("clientId", DemoData.AcmeAppClientId))).Status);

        // Nothing changed: the demo secret still authenticates and the app is still in development.
        using var api = Server.CreateClient(cookies: false);
        Assert.Equal("unauthorized_client", (await OAuthClient.ClientCredentialsAsync(api, DemoData.AcmeAppClientId, DemoData.AcmeAppSecret)).Error);
        Assert.Equal(ApplicationMode.Development, await TestData.ModeOfAsync(Server, DemoData.AcmeAppClientId));
        var forbidden = await bob.GetAsync("/developer/apps/new?account=acme");
        Assert.Contains("Not allowed", forbidden.Html);
    }

    [Fact]
    public async Task Outsider_GetsNotFoundForAnotherAccountsApps()
    {
        using var carol = await PageSession.SignInAsync(Server, Carol);
        Assert.Equal(HttpStatusCode.NotFound, (await carol.GetAsync("/developer?account=acme")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await carol.GetAsync($"/developer/apps/{DemoData.AcmeAppClientId}/edit")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await carol.GetAsync($"/developer/apps/{DemoData.AcmeAppClientId}/delete")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await carol.PostAsync($"/developer/apps/{DemoData.AcmeAppClientId}/reset-secret")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await CreateAsync(carol, "acme", "Carol in Acme")).Status);
        var own = await carol.GetAsync("/developer");
        Assert.Contains(DemoData.GlobexAppClientId, own.Html);
        Assert.DoesNotContain(DemoData.AcmeAppClientId, own.Html);
    }

    [Fact]
    public async Task AccountWithoutDeveloperTools_ExplainsInsteadOfFailing()
    {
        await TestData.CreateAccountAsync(Server, "initech", "Initech", developerTools: false, (Bob, AccountRole.Admin));
        using var bob = await PageSession.SignInAsync(Server, Bob);

        var page = await bob.GetAsync("/developer?account=initech");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Developer Tools are not enabled for Initech", PageSession.TextOf(page.Html, "tools-off"));
        Assert.Contains("id=\"account-picker\"", page.Html);
        Assert.DoesNotContain("id=\"new-app\"", page.Html);

        var create = await bob.GetAsync("/developer/apps/new?account=initech");
        Assert.Equal(HttpStatusCode.Redirect, create.Status);
        Assert.Equal("/developer?account=initech", create.Response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await CreateAsync(bob, "initech", "Initech Sync")).Status);
        Assert.Equal(0, await TestData.QueryAsync(Server, db => Task.FromResult(db.Applications.Count(a => a.AccountId == "initech"))));
    }

    [Fact]
    public async Task NoMembership_ExplainsThatAnAccountIsNeeded()
    {
        using var admin = await PageSession.SignInAsync(Server, "admin@demo.spacegate.test");
        var page = await admin.GetAsync("/developer");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("not a member of any account", PageSession.TextOf(page.Html, "no-account"));
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        using var anonymous = Server.CreateClient();
        var response = await anonymous.GetAsync("/developer");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString());
    }
}
