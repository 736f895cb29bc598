using System.Net;
using Microsoft.Playwright;
using Spacegate.Server.Seeding;
using Spacegate.Tests.Browser.Viewer;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Spacegate.Tests.Browser;

/// <summary>
/// The sample partner app end to end in Chromium: connect in a popup (sign-in, consent), list and search the account's
/// spaces, edit a description, buy an add-on after the charge warning, and embed a private space whose viewer keeps
/// working past its first token's expiry.
/// </summary>
[Collection(ViewerCollection.Name)]
public sealed class SamplePartnerBrowserTests : IAsyncLifetime
{
    private const string Carol = "carol@demo.spacegate.test";
    private static readonly TimeSpan EmbedLifetime = TimeSpan.FromSeconds(30);
    private TestServer _server = null!;
    private SamplePartnerHost _sample = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _sample = await SamplePartnerHost.StartAsync(_server, EmbedLifetime);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        _context = await _browser.NewContextAsync(new() { BaseURL = _sample.BaseAddress.ToString(), ViewportSize = new() { Width = 1024, Height = 800 } });
        _page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await _context.CloseAsync();
        await _browser.CloseAsync();
        _playwright.Dispose();
        await _sample.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ConnectInPopup_ListSearchEditBuy_WithTheKeyboard()
    {
        var errors = new List<string>();
        _page.Console += (_, message) => { if (message.Type == "error") errors.Add($"{message.Text} at {message.Location}"); };
        await _page.GotoAsync("/");
        var connect = _page.GetByRole(AriaRole.Link, new() { Name = "Connect to Spacegate" });
        await connect.FocusAsync();
        var popup = await _page.RunAndWaitForPopupAsync(() => _page.Keyboard.PressAsync("Enter"));

        // The main window stays on the sample; Spacegate's sign-in and consent happen in the popup.
        Assert.Equal(_sample.BaseAddress.ToString(), _page.Url);
        await popup.WaitForURLAsync(url => url.StartsWith(_server.BaseAddress.ToString(), StringComparison.Ordinal));
        await popup.Locator("#email").FillAsync(Carol);
        await popup.Locator("#password").FillAsync(DemoData.Password);
        await popup.Locator("#password").PressAsync("Enter");
        await Expect(popup.Locator("#allow")).ToBeVisibleAsync();
        await Expect(popup.Locator("#scopes li[data-scope=PurchaseAssets]")).ToContainTextAsync("charged to the account");
        var closed = new TaskCompletionSource();
        popup.Close += (_, _) => closed.TrySetResult();
        await popup.Locator("#allow").FocusAsync();
        await popup.Keyboard.PressAsync("Enter");
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the popup closes itself after the callback

        // The popup told the main window, which now lists the account's spaces two by two.
        await Expect(_page.Locator("#spaces li")).ToHaveCountAsync(2);
        await Expect(_page.Locator("#result-count")).ToContainTextAsync("Page 1");
        var firstPage = await _page.Locator("#spaces li a").AllTextContentsAsync();

        // The tokens stay on the sample's server, under its own session cookie: the browser holds neither.
        var session = (await _context.CookiesAsync()).Single(c => c.Name == "sample_session");
        Assert.True(session.HttpOnly);
        var store = (Spacegate.Client.Tokens.ITokenStore)_sample.Services.GetService(typeof(Spacegate.Client.Tokens.ITokenStore))!;
        var tokens = await store.GetAsync("session:" + session.Value);
        Assert.NotNull(tokens?.RefreshToken);
        var html = await _page.ContentAsync();
        Assert.DoesNotContain(tokens.RefreshToken, html);
        Assert.DoesNotContain(tokens.AccessToken, html);
        Assert.All(await _context.CookiesAsync(), c => Assert.DoesNotContain(tokens.RefreshToken, c.Value));
        await BrowserHarness.ScreenshotAsync(_page, "sample-spaces.png");
        await BrowserHarness.ClickAndWaitForNavigationAsync(_page, _page.Locator("#next-page"));
        await Expect(_page.Locator("#result-count")).ToContainTextAsync("Page 2");
        var secondPage = await _page.Locator("#spaces li a").AllTextContentsAsync();
        Assert.Empty(firstPage.Intersect(secondPage));

        // Search by a word of a name shown on the second page.
        var wanted = secondPage[0];
        await _page.GetByLabel("Search spaces").FillAsync($"name:\"{wanted}\"");
        await BrowserHarness.ClickAndWaitForNavigationAsync(_page, _page.GetByRole(AriaRole.Button, new() { Name = "Search" }));
        await Expect(_page.Locator("#spaces").GetByRole(AriaRole.Link, new() { Name = wanted, Exact = true })).ToBeVisibleAsync();
        await _page.GetByLabel("Search spaces").FillAsync("name:(");
        await BrowserHarness.ClickAndWaitForNavigationAsync(_page, _page.GetByRole(AriaRole.Button, new() { Name = "Search" }));
        await Expect(_page.Locator("#search-error")).ToBeVisibleAsync();

        // Edit the description of that space.
        await _page.GotoAsync("/");
        await BrowserHarness.ClickAndWaitForNavigationAsync(_page, _page.Locator("#spaces li a").First);
        var spaceUrl = _page.Url;
        await _page.GetByLabel("Description").FillAsync("Shown by the partner sample");
        await BrowserHarness.ClickAndWaitForNavigationAsync(_page, _page.GetByRole(AriaRole.Button, new() { Name = "Save description" }));
        await Expect(_page.Locator("#status")).ToHaveTextAsync("Description saved.");
        await Expect(_page.GetByLabel("Description")).ToHaveValueAsync("Shown by the partner sample");

        // Buy an add-on: a confirmation says the account will be charged, and nothing is bought before it.
        var buy = _page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Buy ") }).First;
        await BrowserHarness.ClickAndWaitForNavigationAsync(_page, buy);
        await Expect(_page.Locator("#charge-warning")).ToContainTextAsync("will be charged");
        await BrowserHarness.ScreenshotAsync(_page, "sample-buy-confirm.png");
        await Expect(_page.Locator("#confirm-purchase")).ToBeFocusedAsync();
        await _page.EvaluateAsync("() => document.documentElement.dataset.stale = '1'");
        await _page.Keyboard.PressAsync("Enter");
        await Expect(_page.Locator("html:not([data-stale])")).ToBeAttachedAsync();
        Assert.Equal(spaceUrl, _page.Url.Split('?')[0]);
        await Expect(_page.Locator("#status")).ToContainTextAsync("Bought");

        // Carol revokes the connection in Spacegate: the sample asks her to connect again instead of failing or retrying.
        var grants = System.Text.Json.JsonDocument.Parse((await CliRunner.RunAsync(_server, "grants", "list", "--account", "globex", "--json")).Output).RootElement;
        foreach (var grant in grants.EnumerateArray())
        {
            Assert.Equal(0, (await CliRunner.RunAsync(_server, "grants", "revoke", grant.GetProperty("id").GetString()!)).Code);
        }
        await _page.GotoAsync("/");
        await Expect(_page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Connect again");
        await Expect(_page.GetByRole(AriaRole.Link, new() { Name = "Connect to Spacegate" })).ToBeVisibleAsync();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task EmbedPage_ViewerKeepsWorking_PastTheFirstTokensExpiry()
    {
        var errors = new List<string>();
        _page.Console += (_, message) => { if (message.Type == "error") errors.Add($"{message.Text} at {message.Location}"); };
        await _page.GotoAsync("/embed");
        var state = _page.Locator("#viewer-state");
        await Expect(state).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 60_000 });
        await BrowserHarness.ScreenshotAsync(_page, "sample-embed.png");
        var firstToken = await _page.Locator("#viewer").GetAttributeAsync("data-token");
        Assert.False(string.IsNullOrEmpty(firstToken));

        // Move the sandbox clock past the first token's lifetime: Spacegate refuses it from now on.
        _server.Advance(EmbedLifetime + TimeSpan.FromMinutes(1));
        using var api = _server.CreateClient(cookies: false);
        var refused = await GraphClient.PostAsync(api, firstToken, "{ model(id: \"x\") { name } }");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);

        // The SDK's refresher asks the sample's /refresh for a new token before the first one would have run out.
        await Expect(_page.Locator("#refresh-count")).ToHaveAttributeAsync("data-count", "1", new() { Timeout = 60_000 });

        // A new load in the viewer works with the renewed token (with the first one it would say the session expired).
        await _page.EvaluateAsync("() => document.getElementById('viewer-state').dataset.state = 'reloading'");
        await _page.FrameLocator("#viewer").Locator("#reload").ClickAsync();
        await Expect(state).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 60_000 });
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task Pages_SendAStrictCsp_AndCannotBeFramed()
    {
        var response = await _page.GotoAsync("/");
        var headers = await response!.AllHeadersAsync();
        var csp = headers["content-security-policy"];
        Assert.Contains("script-src 'self' " + _server.BaseAddress.GetLeftPart(UriPartial.Authority) + ";", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Equal(0, await _page.Locator("script:not([src])").CountAsync());
    }
}
