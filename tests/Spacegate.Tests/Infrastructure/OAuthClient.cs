using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Spacegate.Server.Seeding;

namespace Spacegate.Tests.Infrastructure;

public sealed record TokenResponse(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)
{
    public string? AccessToken => Get("access_token");
    public string? RefreshToken => Get("refresh_token");
    public string? Error => Get("error");
    public string? Get(string name) => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    public int? ExpiresIn => Body.TryGetProperty("expires_in", out var v) ? v.GetInt32() : null;
}

/// <summary>Drives the OAuth flows over real HTTP, the way a browser and an app server would.</summary>
public static partial class OAuthClient
{
    public const string AcmeClientId = DemoData.AcmeAppClientId;
    public const string AcmeSecret = DemoData.AcmeAppSecret;
    public const string AcmeRedirect = DemoData.AcmeAppRedirectUri;
    public const string GlobexClientId = DemoData.GlobexAppClientId;
    public const string GlobexSecret = DemoData.GlobexAppSecret;

    public static async Task<TokenResponse> PostTokenAsync(HttpClient http, params (string Key, string Value)[] form)
    {
        var response = await http.PostAsync("/api/oauth/token",
            new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))));
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return new TokenResponse(response.StatusCode, body, response);
    }

    public static Task<TokenResponse> ClientCredentialsAsync(HttpClient http, string clientId = GlobexClientId, string secret = GlobexSecret) =>
        PostTokenAsync(http, ("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", secret));

    public static Task<TokenResponse> RefreshAsync(HttpClient http, string refreshToken, string clientId = AcmeClientId, string secret = AcmeSecret) =>
        PostTokenAsync(http, ("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", clientId), ("client_secret", secret));

    public static Task<TokenResponse> ExchangeCodeAsync(HttpClient http, string code, string? verifier = null, string redirectUri = AcmeRedirect,
        string clientId = AcmeClientId, string secret = AcmeSecret, params (string Key, string Value)[] extra)
    {
        var form = new List<(string, string)> { ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectUri), ("client_id", clientId), ("client_secret", secret) };
        if (verifier is not null)
        {
            form.Add(("code_verifier", verifier));
        }
        form.AddRange(extra);
        return PostTokenAsync(http, [.. form]);
    }

    public static async Task SignInAsync(HttpClient browser, string email, string password = DemoData.Password)
    {
        var page = await browser.GetStringAsync("/account/login");
        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = "/", ["__RequestVerificationToken"] = Antiforgery(page),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} failed: {response.StatusCode}");
        }
    }

    public static string AuthorizeUrl(string clientId = AcmeClientId, string? scope = "ViewDetails EditDetails", string? redirectUri = AcmeRedirect,
        string responseType = "code", string? state = "xyz", string? challenge = null)
    {
        var query = new List<string> { $"client_id={Uri.EscapeDataString(clientId)}", $"response_type={responseType}" };
        if (scope is not null) query.Add($"scope={Uri.EscapeDataString(scope)}");
        if (redirectUri is not null) query.Add($"redirect_uri={Uri.EscapeDataString(redirectUri)}");
        if (state is not null) query.Add($"state={Uri.EscapeDataString(state)}");
        if (challenge is not null) query.Add($"code_challenge={challenge}&code_challenge_method=S256");
        return "/oauth/authorize?" + string.Join('&', query);
    }

    /// <summary>Posts the consent form shown for <paramref name="url"/> with the given decision; returns the final response.</summary>
    public static async Task<HttpResponseMessage> ConsentAsync(HttpClient browser, string url, string decision = "allow", string? account = null)
    {
        var page = await browser.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK)
        {
            return page;
        }
        var fields = HiddenFields(html);
        if (html.Contains("name=\"spacegate_account\" value=") && html.Contains("type=\"radio\""))
        {
            // Account chooser first.
            fields.RemoveAll(f => f.Key == "spacegate_account");
            fields.Add(new("spacegate_account", account ?? RadioValues(html).First()));
            var chosen = await browser.PostAsync("/oauth/authorize", new FormUrlEncodedContent(fields));
            html = await chosen.Content.ReadAsStringAsync();
            if (chosen.StatusCode != HttpStatusCode.OK)
            {
                return chosen;
            }
            fields = HiddenFields(html);
        }
        fields.Add(new("spacegate_decision", decision));
        return await browser.PostAsync("/oauth/authorize", new FormUrlEncodedContent(fields));
    }

    /// <summary>Runs sign-in (if needed), consent and returns the authorization code from the redirect.</summary>
    public static async Task<string> GetCodeAsync(HttpClient browser, string url, string? account = null)
    {
        var response = await ConsentAsync(browser, url, "allow", account);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Expected a redirect with a code, got {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        var query = System.Web.HttpUtility.ParseQueryString(response.Headers.Location!.Query);
        return query["code"] ?? throw new InvalidOperationException("No code in " + response.Headers.Location);
    }

    public static async Task<TokenResponse> FullCodeFlowAsync(TestServer server, string email = "bob@demo.spacegate.test", string scope = "ViewDetails EditDetails")
    {
        var browser = server.CreateClient();
        await SignInAsync(browser, email);
        var code = await GetCodeAsync(browser, AuthorizeUrl(scope: scope));
        return await ExchangeCodeAsync(server.CreateClient(cookies: false), code);
    }

    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var challenge = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (verifier, challenge);
    }

    public static AuthenticationHeaderValue Basic(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));

    public static string Antiforgery(string html) => AllHiddenFields(html).First(f => f.Key == "__RequestVerificationToken").Value;

    /// <summary>The hidden fields of the authorize form (the page's other forms, like sign-out, are ignored).</summary>
    public static List<KeyValuePair<string, string>> HiddenFields(string html)
    {
        var start = html.IndexOf("action=\"/oauth/authorize\"", StringComparison.Ordinal);
        return AllHiddenFields(start < 0 ? html : html[start..html.IndexOf("</form>", start, StringComparison.Ordinal)]);
    }

    public static List<KeyValuePair<string, string>> AllHiddenFields(string html) =>
        [.. HiddenInput().Matches(html).Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups["n"].Value), WebUtility.HtmlDecode(m.Groups["v"].Value)))];

    private static IEnumerable<string> RadioValues(string html) =>
        RadioInput().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["v"].Value));

    [GeneratedRegex("<input[^>]*?type=\"hidden\"[^>]*?name=\"(?<n>[^\"]*)\"[^>]*?value=\"(?<v>[^\"]*)\"|<input[^>]*?name=\"(?<n>[^\"]*)\"[^>]*?type=\"hidden\"[^>]*?value=\"(?<v>[^\"]*)\"")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("<input[^>]*?type=\"radio\"[^>]*?value=\"(?<v>[^\"]*)\"")]
    private static partial Regex RadioInput();
}
