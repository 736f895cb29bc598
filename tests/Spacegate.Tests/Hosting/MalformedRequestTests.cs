using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Hosting;

/// <summary>A malformed request is the client's error: a 400 in the endpoint's own format, never a 500.</summary>
public sealed class MalformedRequestTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private TestServer Server => fixture.Server;

    private static readonly string ValidForm =
        $"grant_type=client_credentials&client_id={OAuthClient.GlobexClientId}&client_secret={OAuthClient.GlobexSecret}&token=abc";

    [Theory]
    [InlineData("/api/oauth/token", "application/x-www-form-urlencodedx")]
    [InlineData("/api/oauth/token", "application/x-www-form-urlencoded; charset=\"")]
    [InlineData("/api/oauth/token", "application/x-www-form-urlencoded;;")]
    [InlineData("/api/oauth/token", "application/x-www-form-urlencodedx; charset=utf-8")]
    [InlineData("/api/oauth/token", "multipart/form-data; boundary=\"")]
    [InlineData("/api/oauth/token", "text/plain; charset=utf-32")]
    [InlineData("/api/oauth/token", "multipart/form-data; boundary=abc")] // a body that is no multipart at all
    [InlineData("/api/oauth/revoke", "application/x-www-form-urlencodedx")]
    [InlineData("/api/oauth/revoke", "application/x-www-form-urlencoded; charset=\"")]
    [InlineData("/api/oauth/introspect", "application/x-www-form-urlencodedx")]
    [InlineData("/api/oauth/introspect", "application/x-www-form-urlencoded;;")]
    public async Task OAuthEndpoint_MalformedContentType_InvalidRequestJson(string path, string contentType)
    {
        using var client = Server.CreateClient();

        using var response = await client.SendAsync(Post(path, ValidForm, contentType));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", await ErrorOf(response));
    }

    [Fact]
    public async Task SignIn_BrokenMultipartBody_ClientErrorNotServerError()
    {
        using var client = Server.CreateClient();

        using var response = await client.SendAsync(Post("/account/login", "Email=a%40b.c&Password=x", "multipart/form-data; boundary=abc"));

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task Token_FormContentTypeWithCharsetAndOddCase_StillAccepted()
    {
        using var client = Server.CreateClient();

        using var response = await client.SendAsync(Post("/api/oauth/token", ValidForm, "Application/X-WWW-Form-UrlEncoded; charset=utf-8"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("access_token").GetString()));
    }

    [Theory]
    [InlineData("/api/oauth/token", "a..b")]
    [InlineData("/api/oauth/token", "localhost:99999")]
    [InlineData("/oauth/authorize", "a..b")]
    [InlineData("/.well-known/oauth-authorization-server", "localhost:99999")]
    [InlineData("/account/login", "a..b")]
    public async Task AnyPath_HostHeaderThatIsNoValidUrlHost_InvalidRequestJson(string path, string host)
    {
        // Raw HTTP/1.1: HttpClient would not send such a Host header as given.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(Server.BaseAddress.Host, Server.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        var request = $"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
            $"Content-Length: {Encoding.UTF8.GetByteCount(ValidForm)}\r\nConnection: close\r\n\r\n{ValidForm}";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));

        var response = await new StreamReader(stream).ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400", response);
        Assert.Contains("Content-Type: application/json", response);
        Assert.Contains("\"error\":\"invalid_request\"", response);
    }

    [Fact]
    public async Task Token_TooManyFormFields_InvalidRequestJson()
    {
        using var client = Server.CreateClient();
        var form = ValidForm + string.Concat(Enumerable.Range(0, 5000).Select(i => $"&f{i}=x"));

        using var response = await client.SendAsync(Post("/api/oauth/token", form, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", await ErrorOf(response));
    }

    [Fact]
    public async Task Token_NullCharacterInFormKey_InvalidRequestJson()
    {
        using var client = Server.CreateClient();

        using var response = await client.SendAsync(Post("/api/oauth/token", ValidForm + "&%00=1", "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", await ErrorOf(response));
    }

    [Fact]
    public async Task Page_NullCharacterInFormKey_BadRequestPageWithoutDetails()
    {
        using var client = Server.CreateClient();
        var request = Post("/account/login", "Email=a&%00=1", "application/x-www-form-urlencoded");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Bad request", html);
        Assert.DoesNotContain("Exception", html);
    }

    [Theory]
    [InlineData("/error")]
    [InlineData("/show")]
    [InlineData("/api/models/HXDYzEzVMGP/files/a/b")] // GET only: the 405 is rendered by the error page
    public async Task Page_FormKeyWithUnclosedBracket_NoServerError(string path)
    {
        using var client = Server.CreateClient();
        var request = Post(path, "a[=1&b[c=2", "application/x-www-form-urlencoded");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await client.SendAsync(request);

        Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode}");
        Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage Post(string path, string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    private static async Task<string?> ErrorOf(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("error").GetString();
    }
}
