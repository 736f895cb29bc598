using Microsoft.Playwright;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;
using static Spacegate.Tests.Browser.BrowserHarness;

namespace Spacegate.Tests.Browser;

/// <summary>Navigation, the skip link, focus and narrow (375 px) screens.</summary>
public sealed class PortalLayoutBrowserTests : IAsyncLifetime
{
    private BrowserHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await BrowserHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Navigation_ShowsAdminOnlyToPlatformAdmins_AndMarksTheCurrentPage()
    {
        var alice = await _harness.SignedInPageAsync("alice@demo.spacegate.test");
        await alice.GotoAsync("/developer");
        var nav = alice.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Developer Tools" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Connected apps" })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToHaveCountAsync(0);

        var admin = await _harness.SignedInPageAsync("admin@demo.spacegate.test");
        await admin.GotoAsync("/admin");
        await Expect(admin.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
            .GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToHaveAttributeAsync("aria-current", "page");

        await ClickAndWaitForNavigationAsync(alice, alice.Locator("#sign-out"));
        await Expect(alice.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SkipLink_IsFirstTabStop_VisibleWhenFocused_AndMovesFocusToMain()
    {
        var page = await _harness.SignedInPageAsync("alice@demo.spacegate.test");
        await page.GotoAsync("/developer");
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Expect(skip).ToBeFocusedAsync();
        var box = await skip.BoundingBoxAsync();
        Assert.True(box is { X: >= 0, Y: >= 0 }, "The focused skip link is off screen");
        var outline = await skip.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle");
        Assert.NotEqual("none", outline);

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main#main")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string>("() => document.activeElement.closest('main') ? 'main' : 'outside'");
        Assert.Equal("main", focused);
    }

    [Theory]
    [InlineData("alice@demo.spacegate.test", "/developer", "mobile-developer.png")]
    [InlineData("alice@demo.spacegate.test", "/developer/apps/new?account=acme", "mobile-create.png")]
    [InlineData("alice@demo.spacegate.test", "/connected-apps", "mobile-connected-apps.png")]
    [InlineData("admin@demo.spacegate.test", "/admin", "mobile-admin.png")]
    public async Task Page_At375Pixels_HasNoHorizontalScroll(string email, string url, string screenshot)
    {
        await OAuthClient.FullCodeFlowAsync(_harness.Server, "bob@demo.spacegate.test");
        var page = await _harness.SignedInPageAsync(email, width: 375, height: 740);
        await page.GotoAsync(url);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{url} is {overflow}px wider than a 375px screen");
        await ScreenshotAsync(page, screenshot);
    }
}
