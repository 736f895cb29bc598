using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Spacegate.Server.Hosting.RateLimiting;
using Spacegate.Server.Pages.Account;
using Spacegate.Server.Seeding;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;

namespace Spacegate.Tests.Hosting;

/// <summary>
/// Each limit answers 429 with Retry-After in its endpoint's own format, and spends only the budget of
/// the client, token, address or email it is keyed by. Windows are an hour long, so nothing refills
/// while a test runs.
/// </summary>
public sealed class RateLimitTests
{
    private static Dictionary<string, string?> Limits(int token = 1000, int modelApi = 1000, int perAddress = 1000, int perAccount = 1000) => new()
    {
        ["RateLimits:TokenPerClient:PermitLimit"] = token.ToString(),
        ["RateLimits:TokenPerClient:Window"] = "01:00:00",
        ["RateLimits:ModelApiPerToken:PermitLimit"] = modelApi.ToString(),
        ["RateLimits:ModelApiPerToken:Window"] = "01:00:00",
        ["RateLimits:SignInPerAddress:PermitLimit"] = perAddress.ToString(),
        ["RateLimits:SignInPerAddress:Window"] = "01:00:00",
        ["RateLimits:SignInPerAccount:PermitLimit"] = perAccount.ToString(),
        ["RateLimits:SignInPerAccount:Window"] = "01:00:00",
    };

    [Fact]
    public async Task TokenEndpoint_OverLimitForOneClient_429OAuthErrorWithRetryAfter()
    {
        await using var server = await TestServer.StartAsync(Limits(token: 3));
        var api = server.CreateClient(cookies: false);
        Assert.Equal(HttpStatusCode.OK, (await ClientCredentialsAsync(api)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ClientCredentialsAsync(api, secret: "guessed-secret")).Status); // failures count too
        var basic = new HttpRequestMessage(HttpMethod.Post, "/api/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
            Headers = { Authorization = Basic(GlobexClientId, GlobexSecret) },
        };
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(basic)).StatusCode); // Basic spends the same client's budget

        var refused = await ClientCredentialsAsync(api);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        AssertRetryAfter(refused.Response);
        Assert.Equal("application/json", refused.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("slow_down", refused.Error);
        Assert.Contains("Retry after", refused.Get("error_description"));
        Assert.Null(refused.AccessToken);

        // Another client is not affected.
        var other = await ClientCredentialsAsync(api, AcmeClientId, AcmeSecret);
        Assert.Equal(HttpStatusCode.BadRequest, other.Status);
        Assert.Equal("unauthorized_client", other.Error);
    }

    [Fact]
    public async Task ModelApi_OverLimitForOneToken_429GraphQLErrorWithRetryAfter()
    {
        await using var server = await TestServer.StartAsync(Limits(modelApi: 2));
        var api = server.CreateClient(cookies: false);
        var first = (await ClientCredentialsAsync(api)).AccessToken!;
        var second = (await ClientCredentialsAsync(api)).AccessToken!;
        Assert.False((await GraphClient.PostAsync(api, first, "{ models { totalResults } }")).HasErrors);
        Assert.False((await GraphClient.GetAsync(api, first, "{ models { totalResults } }")).HasErrors);

        var refused = await GraphClient.PostAsync(api, first, "{ models { totalResults } }");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        AssertRetryAfter(refused.Response);
        Assert.Equal("request.invalid", refused.FirstCode);
        Assert.Equal(429, refused.FirstHttpStatus);
        Assert.Contains("Retry after", refused.Errors[0].GetProperty("message").GetString());
        Assert.False(refused.Body.TryGetProperty("data", out _));

        // Another token (even of the same app) has its own budget.
        Assert.False((await GraphClient.PostAsync(api, second, "{ models { totalResults } }")).HasErrors);
    }

    [Fact]
    public async Task SignIn_OverLimitForOneAddress_429PageAndOtherAddressUnaffected()
    {
        await using var server = await TestServer.StartAsync(Limits(perAddress: 3));
        var here = server.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostSignInAsync(here, $"someone{i}@demo.spacegate.test", "wrong-password")).StatusCode);
        }
        var refused = await PostSignInAsync(here, "alice@demo.spacegate.test", DemoData.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        AssertRetryAfter(refused);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Too many sign-in attempts", await refused.Content.ReadAsStringAsync());
        Assert.DoesNotContain("spacegate.session", string.Join(";", refused.Headers.TryGetValues("Set-Cookie", out var set) ? set : []));

        using var elsewhere = ClientFrom(server, IPAddress.Parse("127.0.0.2"));
        var signedIn = await PostSignInAsync(elsewhere, "alice@demo.spacegate.test", DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task SignIn_OverLimitForOneEmail_429WhileOtherEmailsAnswerNormally()
    {
        await using var server = await TestServer.StartAsync(Limits(perAccount: 2));
        var browser = server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await PostSignInAsync(browser, "carol@demo.spacegate.test", "wrong-password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostSignInAsync(browser, " Carol@Demo.Spacegate.Test", "wrong-password")).StatusCode);
        var refused = await PostSignInAsync(browser, "CAROL@demo.spacegate.test", DemoData.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        AssertRetryAfter(refused);

        var other = await PostSignInAsync(browser, "bob@demo.spacegate.test", "wrong-password");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(PasswordSignIn.FailureMessage), await other.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PostSignInAsync(browser, "bob@demo.spacegate.test", DemoData.Password)).StatusCode);
    }

    [Fact]
    public async Task RateLimits_Disabled_NeverAnswer429()
    {
        var settings = Limits(token: 1, modelApi: 1, perAddress: 1, perAccount: 1);
        settings["RateLimits:Enabled"] = "false";
        await using var server = await TestServer.StartAsync(settings);
        var api = server.CreateClient(cookies: false);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ClientCredentialsAsync(api)).Status);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await PostSignInAsync(server.CreateClient(), "carol@demo.spacegate.test", "wrong")).StatusCode);
        }
        var token = (await ClientCredentialsAsync(api)).AccessToken!;
        Assert.False((await GraphClient.PostAsync(api, token, "{ models { totalResults } }")).HasErrors);
        Assert.False((await GraphClient.PostAsync(api, token, "{ models { totalResults } }")).HasErrors);
    }

    [Fact]
    public void RateLimits_Defaults_AreOnAndGenerous()
    {
        var defaults = new RateLimitOptions();
        Assert.True(defaults.Enabled);
        Assert.True(defaults.TokenPerClient.PermitLimit / defaults.TokenPerClient.Window.TotalSeconds >= 50);
        Assert.True(defaults.ModelApiPerToken.PermitLimit / defaults.ModelApiPerToken.Window.TotalSeconds >= 10);
        Assert.Equal(ValidateOptionsResult.Success, new RateLimitOptionsValidator().Validate(null, defaults));
    }

    [Theory]
    [InlineData("RateLimits:TokenPerClient:PermitLimit", "0", "RateLimits:TokenPerClient:PermitLimit")]
    [InlineData("RateLimits:SignInPerAccount:Window", "00:00:00", "RateLimits:SignInPerAccount:Window")]
    public async Task RateLimits_InvalidSetting_ServerRefusesToStartNamingIt(string key, string value, string named)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestServer.StartAsync(new() { [key] = value }));
        Assert.Contains(named, failure.Message);
    }

    private static void AssertRetryAfter(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Retry-After", out var values), "no Retry-After header");
        Assert.InRange(int.Parse(values.Single()), 1, 3600);
    }

    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient browser, string email, string password)
    {
        var page = await browser.GetStringAsync("/account/login");
        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = "/", ["__RequestVerificationToken"] = Antiforgery(page),
        }));
    }

    /// <summary>A browser whose connections come from another loopback address (Linux routes all of 127/8 to lo).</summary>
    private static HttpClient ClientFrom(TestServer server, IPAddress source) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = true,
        CookieContainer = new CookieContainer(),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = server.BaseAddress };
}
