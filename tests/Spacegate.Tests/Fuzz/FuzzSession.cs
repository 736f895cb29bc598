using Spacegate.Tests.Infrastructure;

namespace Spacegate.Tests.Fuzz;

/// <summary>Signs a demo user in and gets a bearer token, so fuzzed requests also reach authenticated code.</summary>
public static class FuzzSession
{
    public static async Task<FuzzCredentials> CredentialsAsync(TestServer server)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() };
        using var browser = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        await OAuthClient.SignInAsync(browser, "alice@demo.spacegate.test");
        var page = await browser.GetStringAsync("/developer");
        var cookies = handler.CookieContainer.GetCookies(server.BaseAddress);
        var token = await OAuthClient.ClientCredentialsAsync(browser);
        return new FuzzCredentials(
            BearerToken: token.AccessToken,
            SessionCookie: cookies["spacegate.session"] is { } session ? $"{session.Name}={session.Value}" : null,
            AntiforgeryCookie: cookies["spacegate.antiforgery"] is { } antiforgery ? $"{antiforgery.Name}={antiforgery.Value}" : null,
            AntiforgeryToken: OAuthClient.Antiforgery(page));
    }
}
