using System.Net;
using Microsoft.Playwright;
using Spacegate.Server.Domain;
using Spacegate.Tests.Infrastructure;
using Spacegate.Tests.Pages;
using Xunit;
using static Microsoft.Playwright.Assertions;
using static Spacegate.Tests.Browser.BrowserHarness;

namespace Spacegate.Tests.Browser;

/// <summary>Developer Tools and the platform admin in a real Chromium: the secret shown once, reset, the production review.</summary>
public sealed class DeveloperToolsBrowserTests : IAsyncLifetime
{
    private const string Alice = "alice@demo.spacegate.test";
    private const string Carol = "carol@demo.spacegate.test";
    private const string Admin = "admin@demo.spacegate.test";
    private BrowserHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await BrowserHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private HttpClient Api() => _harness.Server.CreateClient(cookies: false);

    private sealed record CreatedApp(string ClientId, string Secret, IResponse Response);

    /// <summary>Fills the registration form like a person would and returns what the result page shows.</summary>
    private static async Task<CreatedApp> CreateAppAsync(IPage page, string account, string name, string? screenshot = null)
    {
        await page.GotoAsync("/developer?account=" + account);
        await ClickAndWaitForNavigationAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Register a new app" }));
        await page.GetByLabel("Application name").FillAsync(name);
        await page.GetByLabel("Redirect URIs").FillAsync("https://integration.example/callback\nhttp://localhost:9100/callback");
        await page.GetByLabel("Access-token duration (minutes)").FillAsync("30");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Edit space details" }).CheckAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Confidential" })).ToBeCheckedAsync();
        if (screenshot is not null)
        {
            await ScreenshotAsync(page, screenshot);
        }
        var response = await page.RunAndWaitForResponseAsync(() => page.Locator("#save").ClickAsync(),
            r => r.Request.Method == "POST" && r.Request.IsNavigationRequest);
        await Expect(page.Locator("#client-secret")).ToBeVisibleAsync();
        return new CreatedApp(await page.Locator("#client-id").InputValueAsync(), await page.Locator("#client-secret").InputValueAsync(), response);
    }

    private static ILocator AppCard(IPage page, string clientId) => page.Locator($"article.app[data-client-id='{clientId}']");

    [Fact]
    public async Task CreateApp_SecretIsShownOnce_NotOnReloadOrLaterVisits()
    {
        var page = await _harness.SignedInPageAsync(Alice);
        var created = await CreateAppAsync(page, "acme", "Floorplan Exporter", screenshot: "developer-create.png");

        Assert.Matches("^[a-z0-9]{25}$", created.ClientId);
        Assert.Contains("no-store", (await created.Response.AllHeadersAsync())["cache-control"]);
        await Expect(page.Locator("#client-secret")).ToHaveAttributeAsync("readonly", "");
        await Expect(page.Locator("#secret-once")).ToContainTextAsync("only time it is shown");
        await ScreenshotAsync(page, "developer-secret.png");
        // The secret is real: Acme is not PME-enabled, so it authenticates and is then refused the grant type.
        using var api = Api();
        Assert.Equal("unauthorized_client", (await OAuthClient.ClientCredentialsAsync(api, created.ClientId, created.Secret)).Error);

        // Reloading re-submits the form at most, which the duplicate name stops: no secret either way.
        await page.ReloadAsync();
        await Expect(page.Locator("#client-secret")).ToHaveCountAsync(0);
        Assert.DoesNotContain(created.Secret, await page.ContentAsync());

        await page.GotoAsync("/developer?account=acme");
        var card = AppCard(page, created.ClientId);
        await Expect(card).ToContainTextAsync("Floorplan Exporter");
        await Expect(card).ToContainTextAsync("30 minutes");
        await Expect(card).ToContainTextAsync("https://integration.example/callback");
        await Expect(card.Locator("[data-mode]")).ToHaveTextAsync("development");
        Assert.DoesNotContain(created.Secret, await page.ContentAsync());
        await ScreenshotAsync(page, "developer-list.png");

        await page.GotoAsync($"/developer/apps/{created.ClientId}/edit");
        await Expect(page.GetByLabel("Application name")).ToHaveValueAsync("Floorplan Exporter");
        Assert.DoesNotContain(created.Secret, await page.ContentAsync());
    }

    [Fact]
    public async Task CreateApp_InvalidInput_ShowsMessagesNextToFields()
    {
        var page = await _harness.SignedInPageAsync(Alice);
        await page.GotoAsync("/developer/apps/new?account=acme");
        await page.GetByLabel("Application name").FillAsync("Acme Listings Sync");
        await page.GetByLabel("Redirect URIs").FillAsync("not a url");
        await page.GetByLabel("Access-token duration (minutes)").FillAsync("2000");
        await ClickAndWaitForNavigationAsync(page, page.Locator("#save"));

        await Expect(page.Locator("#error-summary")).ToBeVisibleAsync();
        await Expect(page.Locator("#error-Name")).ToContainTextAsync("already exists");
        await Expect(page.Locator("#error-RedirectUris")).ToContainTextAsync("'not a url'");
        await Expect(page.Locator("#error-AccessTokenMinutes")).ToContainTextAsync("24 hours");
        await Expect(page.GetByLabel("Application name")).ToHaveAttributeAsync("aria-invalid", "true");
        await ScreenshotAsync(page, "developer-validation.png");

        // The summary links move focus to the field concerned.
        await page.Locator("#error-summary a[href='#app-redirect-uris']").ClickAsync();
        await Expect(page.GetByLabel("Redirect URIs")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task ResetSecret_OldSecretFailsAtTheTokenEndpoint_NewOneWorks()
    {
        var page = await _harness.SignedInPageAsync(Carol);
        var created = await CreateAppAsync(page, "globex", "Globex Embed Service");
        using var api = Api();
        var issuedBefore = await OAuthClient.ClientCredentialsAsync(api, created.ClientId, created.Secret);
        Assert.Equal(HttpStatusCode.OK, issuedBefore.Status);

        await page.GotoAsync("/developer?account=globex");
        await ClickAndWaitForNavigationAsync(page, AppCard(page, created.ClientId).GetByRole(AriaRole.Link, new() { Name = "Reset the secret" }));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Reset the secret of “Globex Embed Service”?");
        await ScreenshotAsync(page, "reset-confirm.png");
        // Looking at the confirmation changes nothing.
        Assert.Equal(HttpStatusCode.OK, (await OAuthClient.ClientCredentialsAsync(api, created.ClientId, created.Secret)).Status);

        var response = await page.RunAndWaitForResponseAsync(() => page.Locator("#confirm-reset").ClickAsync(),
            r => r.Request.Method == "POST" && r.Request.IsNavigationRequest);
        Assert.Contains("no-store", (await response.AllHeadersAsync())["cache-control"]);
        var newSecret = await page.Locator("#client-secret").InputValueAsync();
        Assert.NotEqual(created.Secret, newSecret);
        await ScreenshotAsync(page, "reset-done.png");

        var old = await OAuthClient.ClientCredentialsAsync(api, created.ClientId, created.Secret);
        Assert.Equal(HttpStatusCode.Unauthorized, old.Status);
        Assert.Equal("invalid_client", old.Error);
        var fresh = await OAuthClient.ClientCredentialsAsync(api, created.ClientId, newSecret);
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
        Assert.False(string.IsNullOrEmpty(fresh.AccessToken));

        // Tokens obtained with the old secret were revoked with it (SPEC §4).
        const string query = "{ models { totalResults } }";
        var revoked = await GraphClient.PostAsync(api, issuedBefore.AccessToken, query);
        Assert.Equal(HttpStatusCode.BadRequest, revoked.Status);
        Assert.Equal("invalid_grant", revoked.Body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await GraphClient.PostAsync(api, fresh.AccessToken, query)).Status);

        await page.GotoAsync("/developer?account=globex");
        Assert.DoesNotContain(newSecret, await page.ContentAsync());
    }

    [Fact]
    public async Task RequestProduction_PlatformAdminApproves_OutsidersCanThenAuthorize()
    {
        var developer = await _harness.SignedInPageAsync(Alice);
        var created = await CreateAppAsync(developer, "acme", "Acme Open House");
        var authorizeUrl = OAuthClient.AuthorizeUrl(created.ClientId, "ViewDetails", "https://integration.example/callback");
        Assert.Equal(HttpStatusCode.Forbidden, await OutsiderAuthorizeStatusAsync(authorizeUrl));

        await developer.GotoAsync("/developer?account=acme");
        await ClickAndWaitForNavigationAsync(developer, AppCard(developer, created.ClientId)
            .GetByRole(AriaRole.Button, new() { Name = "Request approval for production access" }));
        await Expect(developer.Locator("#status")).ToContainTextAsync("Production access requested");
        await Expect(AppCard(developer, created.ClientId).Locator("[data-mode]")).ToHaveTextAsync("pending approval");

        var admin = await _harness.SignedInPageAsync(Admin);
        await ClickAndWaitForNavigationAsync(admin, admin.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }));
        var pending = admin.Locator($"article[data-client-id='{created.ClientId}']");
        await Expect(pending).ToContainTextAsync("Acme Realty");
        await Expect(pending).ToContainTextAsync("EditDetails");
        await Expect(pending).ToContainTextAsync("https://integration.example/callback");
        await ScreenshotAsync(admin, "admin.png");
        await ClickAndWaitForNavigationAsync(admin, pending.GetByRole(AriaRole.Button, new() { Name = "Approve" }));
        await Expect(admin.Locator("#status")).ToContainTextAsync("Approved “Acme Open House”");
        await Expect(admin.Locator($"article[data-client-id='{created.ClientId}']")).ToHaveCountAsync(0);

        await developer.ReloadAsync();
        await Expect(AppCard(developer, created.ClientId).Locator("[data-mode]")).ToHaveTextAsync("production");
        await Expect(AppCard(developer, created.ClientId).GetByRole(AriaRole.Button, new() { Name = "Request approval for production access" })).ToHaveCountAsync(0);
        Assert.Equal(ApplicationMode.Production, await TestData.ModeOfAsync(_harness.Server, created.ClientId));
        Assert.Equal(HttpStatusCode.OK, await OutsiderAuthorizeStatusAsync(authorizeUrl));
    }

    [Fact]
    public async Task RequestProduction_PlatformAdminRejectsWithReason_DeveloperSeesIt()
    {
        var developer = await _harness.SignedInPageAsync(Alice);
        var created = await CreateAppAsync(developer, "acme", "Acme Price Robot");
        await developer.GotoAsync("/developer?account=acme");
        await ClickAndWaitForNavigationAsync(developer, AppCard(developer, created.ClientId)
            .GetByRole(AriaRole.Button, new() { Name = "Request approval for production access" }));

        var admin = await _harness.SignedInPageAsync(Admin);
        await admin.GotoAsync("/admin");
        var pending = admin.Locator($"article[data-client-id='{created.ClientId}']");
        await ClickAndWaitForNavigationAsync(admin, pending.GetByRole(AriaRole.Button, new() { Name = "Reject" }));
        await Expect(admin.Locator($"#reason-error-{created.ClientId}")).ToContainTextAsync("reason for the rejection is required");
        Assert.Equal(ApplicationMode.Pending, await TestData.ModeOfAsync(_harness.Server, created.ClientId));
        await ScreenshotAsync(admin, "admin-reject-error.png");

        pending = admin.Locator($"article[data-client-id='{created.ClientId}']");
        await pending.GetByLabel("Reason for rejecting").FillAsync("PurchaseAssets needs a visible price confirmation step.");
        await ClickAndWaitForNavigationAsync(admin, pending.GetByRole(AriaRole.Button, new() { Name = "Reject" }));
        await Expect(admin.Locator("#status")).ToContainTextAsync("Rejected “Acme Price Robot”");

        await developer.ReloadAsync();
        var card = AppCard(developer, created.ClientId);
        await Expect(card.Locator("[data-mode]")).ToHaveTextAsync("development");
        await Expect(card.Locator(".rejection")).ToContainTextAsync("PurchaseAssets needs a visible price confirmation step.");
        await ScreenshotAsync(developer, "developer-rejected.png");

        // Asking again clears the old reason.
        await ClickAndWaitForNavigationAsync(developer, AppCard(developer, created.ClientId)
            .GetByRole(AriaRole.Button, new() { Name = "Request approval for production access" }));
        await Expect(AppCard(developer, created.ClientId).Locator(".rejection")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task DeleteApp_AfterConfirmation_CredentialsStopWorking()
    {
        var page = await _harness.SignedInPageAsync(Carol);
        var created = await CreateAppAsync(page, "globex", "Globex Short Lived");
        await page.GotoAsync("/developer?account=globex");
        await ClickAndWaitForNavigationAsync(page, AppCard(page, created.ClientId).GetByRole(AriaRole.Link, new() { Name = "Delete" }));
        await ScreenshotAsync(page, "delete-confirm.png");
        await ClickAndWaitForNavigationAsync(page, page.Locator("#confirm-delete"));
        await Expect(page.Locator("#status")).ToContainTextAsync("Deleted “Globex Short Lived”");
        await Expect(AppCard(page, created.ClientId)).ToHaveCountAsync(0);
        using var api = Api();
        Assert.Equal("invalid_client", (await OAuthClient.ClientCredentialsAsync(api, created.ClientId, created.Secret)).Error);
    }

    /// <summary>What Carol (not a member of Acme) gets when she opens the app's authorization URL.</summary>
    private async Task<HttpStatusCode> OutsiderAuthorizeStatusAsync(string url)
    {
        using var carol = _harness.Server.CreateClient();
        await OAuthClient.SignInAsync(carol, Carol);
        return (await carol.GetAsync(url)).StatusCode;
    }
}
