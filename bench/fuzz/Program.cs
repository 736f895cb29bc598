using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Spacegate.Tests.Fuzz;

// Usage: fuzz <base-url> [requests] [seed] [concurrency]
if (args.Length < 1 || !Uri.TryCreate(args[0], UriKind.Absolute, out var baseAddress))
{
    Console.Error.WriteLine("usage: fuzz <base-url> [requests=100000] [seed=random] [concurrency=8]");
    return 2;
}
var count = args.Length > 1 ? int.Parse(args[1]) : 100_000;
var seed = args.Length > 2 && args[2].Length > 0 ? int.Parse(args[2]) : Random.Shared.Next();
var concurrency = args.Length > 3 ? int.Parse(args[3]) : 8;

var credentials = await DemoCredentialsAsync(baseAddress);
Console.WriteLine($"seed {seed} (replay with FUZZ_SEED={seed}); {count} requests, {concurrency} at a time; " +
    $"bearer token: {(credentials.BearerToken is null ? "no" : "yes")}, session: {(credentials.SessionCookie is null ? "no" : "yes")}");
var started = DateTime.UtcNow;
var report = await FuzzRunner.RunAsync(baseAddress, seed, count, credentials, concurrency);
var seconds = (DateTime.UtcNow - started).TotalSeconds;

Console.WriteLine($"{report.Sent} requests in {seconds:F1} s ({report.Sent / seconds:F0}/s)");
Console.WriteLine("status  count");
foreach (var (status, n) in report.ByStatus.OrderBy(p => p.Key))
{
    Console.WriteLine($"{(status == 0 ? "none" : status.ToString()),6}  {n,6}");
}
Console.WriteLine($"failures (5xx, stack trace, no answer within 10 s): {report.Failures.Count}");
foreach (var failure in report.Failures.OrderBy(f => f.Contains("-> 5") ? 0 : 1).Take(20))
{
    Console.WriteLine("  " + failure);
}
return report.Failures.IsEmpty ? 0 : 1;

// The sandbox's published demo credentials: a PME token and a signed-in session, so that the fuzz also
// reaches code behind authentication. Either may be missing (production data): the fuzz still runs.
static async Task<FuzzCredentials> DemoCredentialsAsync(Uri baseAddress)
{
    var defaults = new FuzzCredentials();
    var cookies = new CookieContainer();
    using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = baseAddress };
    string? token = null;
    var response = await http.PostAsync("/api/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials", ["client_id"] = defaults.ClientId, ["client_secret"] = defaults.ClientSecret,
    }));
    if (response.IsSuccessStatusCode)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        token = body.RootElement.GetProperty("access_token").GetString();
    }
    var login = await http.GetStringAsync("/account/login");
    var antiforgery = Regex.Match(login, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
    await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["Email"] = "alice@demo.spacegate.test", ["Password"] = "Spacegate-demo-1", ["ReturnUrl"] = "/", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery),
    }));
    var page = await http.GetAsync("/developer");
    var html = await page.Content.ReadAsStringAsync();
    var pageToken = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
    var jar = cookies.GetCookies(baseAddress);
    return defaults with
    {
        BearerToken = token,
        SessionCookie = jar["spacegate.session"] is { } s ? $"{s.Name}={s.Value}" : null,
        AntiforgeryCookie = jar["spacegate.antiforgery"] is { } a ? $"{a.Name}={a.Value}" : null,
        AntiforgeryToken = pageToken.Length > 0 ? WebUtility.HtmlDecode(pageToken) : null,
    };
}
