using System.Net;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Browser.Viewer;

/// <summary>Only /show may be framed; the SDK is readable from any origin, as JavaScript.</summary>
public sealed class FramingHeadersTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";

    [Theory]
    [InlineData("/show?m=HXDYzEzVMGP&auth=Bearer+abc", HttpStatusCode.OK)]
    [InlineData("/show", HttpStatusCode.BadRequest)]
    public async Task Show_MayBeFramedByAnySite_AndKeepsTheTokenPrivate(string path, HttpStatusCode status)
    {
        using var http = fixture.Server.CreateClient(cookies: false);
        using var response = await http.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Frame-Options"), "/show must not send X-Frame-Options");
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors *", csp);
        Assert.DoesNotContain("'none'; frame", csp);
        Assert.DoesNotContain("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-store", Header(response, "Cache-Control"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    public async Task OtherPages_CannotBeFramed(string path)
    {
        using var http = fixture.Server.CreateClient(cookies: false);
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
    }

    [Theory]
    [InlineData("/sdk/showcase-sdk.js", "text/javascript", "export {")]
    [InlineData("/sdk/showcase-sdk.d.ts", "text/plain", "createTokenRefresher(tokenInfo: TokenInfo, fetcher: TokenFetcher): TokenRefresher;")]
    public async Task Sdk_IsServedWithCors(string path, string contentType, string content)
    {
        using var http = fixture.Server.CreateClient(cookies: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", "https://intranet.example");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("cross-origin", Header(response, "Cross-Origin-Resource-Policy"));
        Assert.Contains(content, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ViewerBundle_IsJavaScriptWithoutCors()
    {
        using var http = fixture.Server.CreateClient(cookies: false);
        using var response = await http.GetAsync("/js/viewer.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("three.js", body, StringComparison.OrdinalIgnoreCase); // the bundled library's licence notice
        Assert.True(body.Length > 100_000, $"viewer.js is only {body.Length} characters: three.js is not bundled");
    }
}
