using Microsoft.Playwright;
using Spacegate.Server.Seeding;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Spacegate.Tests.Browser;

/// <summary>
/// A fresh server and a headless Chromium per test class instance; each person gets their own browser
/// context (own cookies), so a developer and a platform admin can work side by side.
/// </summary>
public sealed class BrowserHarness : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public TestServer Server { get; private set; } = null!;

    public static async Task<BrowserHarness> StartAsync()
    {
        var harness = new BrowserHarness { Server = await TestServer.StartAsync() };
        harness._playwright = await Playwright.CreateAsync();
        harness._browser = await harness._playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return harness;
    }

    /// <summary>A new browser context signed in as <paramref name="email"/> through the sign-in form.</summary>
    public async Task<IPage> SignedInPageAsync(string email, int width = 1024, int height = 768)
    {
        var context = await _browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height } });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#sign-out")).ToBeVisibleAsync();
        return page;
    }

    public static string ArtifactsFolder()
    {
        var folder = Environment.GetEnvironmentVariable("ARTIFACTS");
        if (string.IsNullOrWhiteSpace(folder))
        {
            folder = Path.Combine(AppContext.BaseDirectory, "artifacts");
        }
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ArtifactsFolder(), name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        var size = new FileInfo(path).Length;
        Assert.True(size > 5_000, $"Screenshot {path} is only {size} bytes");
    }

    /// <summary>Clicks and waits until the next document has loaded (not just the URL changed).</summary>
    public static async Task ClickAndWaitForNavigationAsync(IPage page, ILocator target)
    {
        await page.EvaluateAsync("() => document.documentElement.dataset.stale = '1'");
        await target.ClickAsync();
        await Expect(page.Locator("html:not([data-stale])")).ToBeAttachedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }
}
