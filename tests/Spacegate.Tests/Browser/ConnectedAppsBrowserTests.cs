using System.Net;
using Microsoft.Playwright;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;
using static Spacegate.Tests.Browser.BrowserHarness;

namespace Spacegate.Tests.Browser;

/// <summary>Revoking in Connected apps in a real Chromium, and the app's refresh failing right after.</summary>
public sealed class ConnectedAppsBrowserTests : IAsyncLifetime
{
    private const string Alice = "alice@demo.spacegate.test";
    private const string Bob = "bob@demo.spacegate.test";
    private BrowserHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await BrowserHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task UserRevokesOwnGrant_WithTheKeyboard_RefreshFailsWithInvalidGrant()
    {
        var tokens = await OAuthClient.FullCodeFlowAsync(_harness.Server, Bob, "ViewDetails PurchaseAssets");
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));

        var page = await _harness.SignedInPageAsync(Bob);
        await page.GotoAsync("/connected-apps");
        var grant = page.Locator("#mine article.grant");
        await Expect(grant).ToHaveCountAsync(1);
        await Expect(grant).ToContainTextAsync("Acme Listings Sync");
        await Expect(grant.Locator(".grant-account")).ToHaveTextAsync("Acme Realty");
        await Expect(grant.Locator("[data-scope=PurchaseAssets]")).ToContainTextAsync("charged to the account");
        await ScreenshotAsync(page, "connected-apps.png");

        // Keyboard only: focus the Revoke link, press Enter; on the confirmation, Enter on the focused button.
        var revoke = grant.GetByRole(AriaRole.Link, new() { Name = "Revoke Acme Listings Sync on Acme Realty" });
        await revoke.FocusAsync();
        await page.EvaluateAsync("() => document.documentElement.dataset.stale = '1'");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("html:not([data-stale])")).ToBeAttachedAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Revoke “Acme Listings Sync” on Acme Realty?");
        await ScreenshotAsync(page, "revoke-confirm.png");

        using var api = _harness.Server.CreateClient(cookies: false);
        Assert.Equal(HttpStatusCode.OK, (await OAuthClient.RefreshAsync(api, tokens.RefreshToken!)).Status);

        await page.Locator("#confirm-revoke").FocusAsync();
        await page.EvaluateAsync("() => document.documentElement.dataset.stale = '1'");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("html:not([data-stale])")).ToBeAttachedAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Revoked “Acme Listings Sync” on Acme Realty");
        await Expect(page.Locator("#mine article.grant")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "connected-apps-revoked.png");

        var refresh = await OAuthClient.RefreshAsync(api, tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.Status);
        Assert.Equal("invalid_grant", refresh.Error);
    }

    [Fact]
    public async Task AccountAdminRevokesAnotherMembersGrant_RefreshFailsWithInvalidGrant()
    {
        var tokens = await OAuthClient.FullCodeFlowAsync(_harness.Server, Bob);
        var page = await _harness.SignedInPageAsync(Alice);
        await page.GotoAsync("/connected-apps");
        await Expect(page.Locator("#no-grants")).ToBeVisibleAsync();
        var grant = page.Locator("#others article.grant");
        await Expect(grant).ToHaveCountAsync(1);
        await Expect(grant.Locator(".grant-user")).ToHaveTextAsync("Bob Baker");
        await ScreenshotAsync(page, "connected-apps-admin.png");

        await ClickAndWaitForNavigationAsync(page, grant.GetByRole(AriaRole.Link, new() { Name = "Revoke" }));
        await Expect(page.Locator("main")).ToContainTextAsync("Bob Baker authorized this app");
        await ClickAndWaitForNavigationAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Revoke access" }));
        await Expect(page.Locator("#status")).ToContainTextAsync("Revoked “Acme Listings Sync” on Acme Realty");
        await Expect(page.Locator("#others")).ToHaveCountAsync(0);

        using var api = _harness.Server.CreateClient(cookies: false);
        var refresh = await OAuthClient.RefreshAsync(api, tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.Status);
        Assert.Equal("invalid_grant", refresh.Error);

        // Bob sees that his connection is gone too.
        var bob = await _harness.SignedInPageAsync(Bob);
        await bob.GotoAsync("/connected-apps");
        await Expect(bob.Locator("#no-grants")).ToBeVisibleAsync();
    }
}
