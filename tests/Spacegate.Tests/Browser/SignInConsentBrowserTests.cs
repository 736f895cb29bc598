using System.Net;
using System.Web;
using Microsoft.Playwright;
using Spacegate.Server.Pages.Account;
using Spacegate.Server.Seeding;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Spacegate.Tests.Browser;

/// <summary>
/// Sign-in, account chooser and consent in a real headless Chromium against the real server
/// (one fresh server and browser per test).
/// </summary>
public sealed class SignInConsentBrowserTests : IAsyncLifetime
{
    private const string GlobexRedirect = DemoData.GlobexAppRedirectUri;
    private const string Alice = "alice@demo.spacegate.test";
    private const string Bob = "bob@demo.spacegate.test";

    private TestServer _server = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        _context = await _browser.NewContextAsync(new() { BaseURL = _server.BaseAddress.ToString(), ViewportSize = new() { Width = 1024, Height = 768 } });
        _page = await _context.NewPageAsync();
        _page.SetDefaultTimeout(60_000); // a cold server on a loaded CI machine: sign-in hashes a password, pages compile their first request
        // Nothing listens on the app's redirect URI: answer it in the browser so the code can be read from the URL.
        await _page.RouteAsync("http://localhost:8086/**", route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "text/html",
            Body = "<!doctype html><title>Globex callback</title><p id=\"callback\">Callback received</p>",
        }));
    }

    public async Task DisposeAsync()
    {
        if (_context is not null) await _context.CloseAsync();
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
    }

    private static string ArtifactsFolder()
    {
        var folder = Environment.GetEnvironmentVariable("ARTIFACTS");
        if (string.IsNullOrWhiteSpace(folder))
        {
            folder = Path.Combine(AppContext.BaseDirectory, "artifacts");
        }
        Directory.CreateDirectory(folder);
        return folder;
    }

    private async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(ArtifactsFolder(), name);
        await _page.ScreenshotAsync(new() { Path = path, FullPage = true });
        var size = new FileInfo(path).Length;
        Assert.True(size > 5_000, $"Screenshot {path} is only {size} bytes");
        return path;
    }

    private static string GlobexAuthorizeUrl(string challenge) =>
        "/oauth/authorize?client_id=" + DemoData.GlobexAppClientId +
        "&response_type=code&scope=ViewPublic%20PurchaseAssets" +
        "&redirect_uri=" + Uri.EscapeDataString(GlobexRedirect) +
        "&state=s123&code_challenge=" + challenge + "&code_challenge_method=S256";

    /// <summary>Submits the sign-in form with the keyboard and waits until the next document is loaded.</summary>
    private async Task SubmitSignInAsync(string email, string password)
    {
        await _page.Locator("#email").FillAsync(email);
        await _page.Locator("#password").FillAsync(password);
        // Mark the current document so the wait below can't be satisfied by it.
        await _page.EvaluateAsync("() => document.documentElement.dataset.stale = '1'");
        await _page.Locator("#password").PressAsync("Enter");
        await Expect(_page.Locator("html:not([data-stale])")).ToBeAttachedAsync();
    }

    /// <summary>Authorize → sign-in (as alice, by keyboard) → account chooser (Globex Estates); returns the consent page's response.</summary>
    private async Task<IResponse> ReachConsentAsync(string challenge, bool screenshots)
    {
        await _page.GotoAsync(GlobexAuthorizeUrl(challenge));
        // Committed navigations only: the assertions below wait for the elements themselves, so a slow stylesheet on a
        // loaded CI machine cannot hold the test at the page's load event.
        await _page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/login", new() { WaitUntil = WaitUntilState.Commit });
        Assert.Contains("/oauth/authorize", HttpUtility.ParseQueryString(new Uri(_page.Url).Query)["ReturnUrl"] ?? "");
        await Expect(_page.Locator("#sign-in")).ToBeVisibleAsync();

        await _page.Locator("#email").FillAsync(Alice);
        await _page.Locator("#password").FillAsync(DemoData.Password);
        if (screenshots)
        {
            await ScreenshotAsync("signin.png");
        }
        await _page.Locator("#password").PressAsync("Enter");

        await _page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/oauth/authorize", new() { WaitUntil = WaitUntilState.Commit });
        await Expect(_page.Locator("#choose-account")).ToBeVisibleAsync();
        await Expect(_page.Locator("input[type=radio][name=spacegate_account]")).ToHaveCountAsync(2);
        await Expect(_page.Locator("#app-name")).ToHaveTextAsync("Globex Intranet Portal");
        if (screenshots)
        {
            await ScreenshotAsync("chooser.png");
        }
        await _page.GetByRole(AriaRole.Radio, new() { Name = "Globex Estates" }).CheckAsync();

        var consent = await _page.RunAndWaitForResponseAsync(
            () => _page.Locator("#choose-account").ClickAsync(),
            r => r.Request.IsNavigationRequest && r.Request.Frame == _page.MainFrame && r.Status == 200);
        await Expect(_page.Locator("#allow")).ToBeVisibleAsync();
        return consent;
    }

    [Fact]
    public async Task AuthorizeFlow_AliceChoosesGlobexAndAllows_RedirectsWithCodeThatExchangesForTokens()
    {
        var (verifier, challenge) = OAuthClient.Pkce();
        await ReachConsentAsync(challenge, screenshots: true);

        await Expect(_page.Locator("#app-name")).ToHaveTextAsync("Globex Intranet Portal");
        await Expect(_page.Locator("#account-name")).ToHaveTextAsync("Globex Estates");
        await Expect(_page.Locator("#scopes li")).ToHaveCountAsync(2);
        await Expect(_page.Locator("#scopes li[data-scope=ViewPublic]")).ToBeVisibleAsync();
        await Expect(_page.Locator("#scopes li[data-scope=PurchaseAssets]")).ToContainTextAsync("charged to the account");
        await Expect(_page.Locator("#deny")).ToBeVisibleAsync();
        await ScreenshotAsync("consent.png");

        await _page.Locator("#allow").ClickAsync();
        await _page.WaitForURLAsync(url => url.StartsWith(GlobexRedirect + "?", StringComparison.Ordinal));
        await Expect(_page.Locator("#callback")).ToBeVisibleAsync();

        var query = HttpUtility.ParseQueryString(new Uri(_page.Url).Query);
        Assert.Equal("s123", query["state"]);
        var code = query["code"];
        Assert.False(string.IsNullOrEmpty(code), "No code in " + _page.Url);

        using var http = _server.CreateClient(cookies: false);
        var tokens = await OAuthClient.ExchangeCodeAsync(http, code!, verifier, redirectUri: GlobexRedirect,
            clientId: OAuthClient.GlobexClientId, secret: OAuthClient.GlobexSecret);
        Assert.True(tokens.Status == HttpStatusCode.OK, $"Token exchange: {(int)tokens.Status} {tokens.Body}");
        Assert.False(string.IsNullOrEmpty(tokens.AccessToken));
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
        Assert.Equal("Bearer", tokens.Get("token_type"));
        Assert.True(tokens.ExpiresIn > 0, $"expires_in: {tokens.ExpiresIn}");
    }

    [Fact]
    public async Task ConsentPage_Loaded_CannotBeFramed()
    {
        var (_, challenge) = OAuthClient.Pkce();
        var consent = await ReachConsentAsync(challenge, screenshots: false);
        await Expect(_page.Locator("#account-name")).ToHaveTextAsync("Globex Estates");

        var headers = await consent.AllHeadersAsync();
        Assert.True(headers.TryGetValue("x-frame-options", out var frameOptions), "No X-Frame-Options header on the consent page");
        Assert.Equal("DENY", frameOptions, ignoreCase: true);
        Assert.True(headers.TryGetValue("content-security-policy", out var csp), "No Content-Security-Policy header on the consent page");
        Assert.Contains("frame-ancestors 'none'", csp);
    }

    [Fact]
    public async Task SignIn_SixWrongPasswords_LocksUserOutEvenForCorrectPassword()
    {
        await _page.GotoAsync("/account/login");
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            await SubmitSignInAsync(Bob, "wrong-password-" + attempt);
            await Expect(_page.Locator("#login-error")).ToBeVisibleAsync();
        }
        // Locked out, but told exactly what a wrong password or an unknown email is told (SignInEnumerationTests).
        await Expect(_page.Locator("#login-error")).ToHaveTextAsync(PasswordSignIn.FailureMessage);

        await SubmitSignInAsync(Bob, DemoData.Password);
        await Expect(_page.Locator("#login-error")).ToHaveTextAsync(PasswordSignIn.FailureMessage);
        Assert.Equal("/account/login", new Uri(_page.Url).AbsolutePath);
        await ScreenshotAsync("locked-out.png");

        // Not signed in: a signed-in-only page still sends the browser to sign-in.
        await _page.GotoAsync("/connected-apps");
        await _page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/login");
    }
}
