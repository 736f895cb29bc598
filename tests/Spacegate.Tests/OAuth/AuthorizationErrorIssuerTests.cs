using System.Collections.Specialized;
using System.Net;
using System.Text.Json;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Spacegate.Server.Applications;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;

namespace Spacegate.Tests.OAuth;

/// <summary>
/// RFC 9207: the metadata announces authorization_response_iss_parameter_supported, so every
/// authorization response sent back to the client, error or success, carries <c>iss</c>, in the query
/// for the code flow and in the fragment for response_type=token. Strict clients (oauth4webapi) reject
/// a redirect without it.
/// </summary>
public sealed class AuthorizationErrorIssuerTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IAsyncLifetime
{
    private const string ImplicitRedirect = "https://browser.example/cb";
    private readonly TestServer _server = fixture.Server;
    private string _implicitClientId = null!;
    private string _issuer = null!;

    public async Task InitializeAsync()
    {
        _issuer = await IssuerAsync(_server);
        _implicitClientId = await CreateImplicitAppAsync(_server, "Issuer Probe " + Guid.NewGuid().ToString("N")[..8]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Metadata_AnnouncesIssParameter()
    {
        var metadata = JsonDocument.Parse(await _server.CreateClient(false).GetStringAsync("/.well-known/oauth-authorization-server")).RootElement;
        Assert.True(metadata.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
    }

    [Theory]
    [InlineData("ViewDetails Teleport", "code", "invalid_scope")]
    [InlineData(null, "code", "invalid_request")]
    [InlineData("ViewDetails", "bogus", "unsupported_response_type")]
    public async Task AuthorizeError_CodeFlow_QueryCarriesIssAndState(string? scope, string responseType, string error)
    {
        var browser = await SignedInAsync();
        var response = await browser.GetAsync(AuthorizeUrl(scope: scope, responseType: responseType));
        var parameters = Redirected(response, AcmeRedirect, fragment: false);
        AssertError(parameters, error);
    }

    [Fact]
    public async Task AuthorizeError_PlainPkce_QueryCarriesIss()
    {
        var browser = await SignedInAsync();
        var response = await browser.GetAsync(AuthorizeUrl() + "&code_challenge=abcdefghijabcdefghijabcdefghijabcdefghijabc&code_challenge_method=plain");
        AssertError(Redirected(response, AcmeRedirect, fragment: false), "invalid_request");
    }

    [Fact]
    public async Task AuthorizeError_ImplicitAppCodeFlowWithoutPkce_QueryCarriesIss()
    {
        var browser = await SignedInAsync();
        var response = await browser.GetAsync(AuthorizeUrl(clientId: _implicitClientId, redirectUri: ImplicitRedirect, scope: "ViewDetails"));
        AssertError(Redirected(response, ImplicitRedirect, fragment: false), "invalid_request");
    }

    [Fact]
    public async Task AuthorizeError_Denied_QueryCarriesIss()
    {
        var browser = await SignedInAsync();
        var response = await ConsentAsync(browser, AuthorizeUrl(), "deny");
        AssertError(Redirected(response, AcmeRedirect, fragment: false), "access_denied");
    }

    [Fact]
    public async Task AuthorizeSuccess_CodeFlow_QueryCarriesIss()
    {
        var browser = await SignedInAsync();
        var parameters = Redirected(await ConsentAsync(browser, AuthorizeUrl()), AcmeRedirect, fragment: false);
        Assert.False(string.IsNullOrEmpty(parameters["code"]));
        Assert.Equal("xyz", parameters["state"]);
        Assert.Equal(_issuer, parameters["iss"]);
    }

    [Fact]
    public async Task AuthorizeError_CodeFlowNotPermitted_QueryCarriesIssAndUnauthorizedClient()
    {
        // Every registered app may use the code flow; an app whose permission was taken away shows the wire shape.
        var clientId = await CreateImplicitAppAsync(_server, "Token Only " + Guid.NewGuid().ToString("N")[..8]);
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var app = (await manager.FindByClientIdAsync(clientId))!;
            var descriptor = new OpenIddictApplicationDescriptor();
            await manager.PopulateAsync(descriptor, app);
            Assert.True(descriptor.Permissions.Remove(OpenIddictConstants.Permissions.ResponseTypes.Code));
            await manager.UpdateAsync(app, descriptor);
        }
        var (_, challenge) = Pkce();
        var browser = await SignedInAsync();
        var response = await browser.GetAsync(AuthorizeUrl(clientId: clientId, redirectUri: ImplicitRedirect, scope: "ViewDetails", challenge: challenge));
        AssertError(Redirected(response, ImplicitRedirect, fragment: false), "unauthorized_client");
    }

    [Fact]
    public async Task AuthorizeError_TokenFlowForConfidentialApp_FragmentCarriesIss()
    {
        var browser = await SignedInAsync();
        var response = await browser.GetAsync(AuthorizeUrl(responseType: "token"));
        AssertError(Redirected(response, AcmeRedirect, fragment: true), "unauthorized_client");
    }

    [Theory]
    [InlineData("ViewDetails Teleport", "token", "invalid_scope")]
    [InlineData("EditDetails", "token", "invalid_scope")]
    [InlineData(null, "token", "invalid_request")]
    [InlineData("ViewDetails", "code%20token", "unsupported_response_type")]
    public async Task AuthorizeError_TokenFlow_FragmentCarriesIssAndState(string? scope, string responseType, string error)
    {
        var browser = await SignedInAsync();
        var response = await browser.GetAsync(AuthorizeUrl(clientId: _implicitClientId, redirectUri: ImplicitRedirect, scope: scope, responseType: responseType));
        AssertError(Redirected(response, ImplicitRedirect, fragment: true), error);
    }

    [Fact]
    public async Task AuthorizeError_TokenFlowQueryResponseMode_StillAnswersInFragment()
    {
        var browser = await SignedInAsync();
        var response = await browser.GetAsync(AuthorizeUrl(clientId: _implicitClientId, redirectUri: ImplicitRedirect, scope: "ViewDetails", responseType: "token") + "&response_mode=query");
        var parameters = Redirected(response, ImplicitRedirect, fragment: true);
        Assert.Equal(_issuer, parameters["iss"]);
        Assert.False(string.IsNullOrEmpty(parameters["error"]));
    }

    [Fact]
    public async Task AuthorizeError_TokenFlowDenied_FragmentCarriesIss()
    {
        var browser = await SignedInAsync();
        var url = AuthorizeUrl(clientId: _implicitClientId, redirectUri: ImplicitRedirect, scope: "ViewDetails", responseType: "token");
        AssertError(Redirected(await ConsentAsync(browser, url, "deny"), ImplicitRedirect, fragment: true), "access_denied");
    }

    [Fact]
    public async Task AuthorizeSuccess_TokenFlow_FragmentCarriesIss()
    {
        var browser = await SignedInAsync();
        var url = AuthorizeUrl(clientId: _implicitClientId, redirectUri: ImplicitRedirect, scope: "ViewDetails", responseType: "token");
        var parameters = Redirected(await ConsentAsync(browser, url), ImplicitRedirect, fragment: true);
        Assert.False(string.IsNullOrEmpty(parameters["access_token"]));
        Assert.Equal("xyz", parameters["state"]);
        Assert.Equal(_issuer, parameters["iss"]);
    }

    [Fact]
    public async Task AuthorizeError_UnknownClientOrRedirectUri_NeverRedirects()
    {
        // The open-redirector guard still holds: no iss-bearing redirect to a URI the client never registered.
        var browser = await SignedInAsync();
        foreach (var url in new[]
        {
            AuthorizeUrl(scope: "Teleport", redirectUri: "https://evil.example/cb"),
            AuthorizeUrl(clientId: "nosuchclient0000000000000", redirectUri: "https://evil.example/cb"),
            AuthorizeUrl(clientId: _implicitClientId, redirectUri: "https://evil.example/cb", responseType: "token"),
        })
        {
            var response = await browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(response.Headers.Location);
        }
    }

    [Fact]
    public async Task AuthorizeError_PublicBaseUrlSet_IssIsTheAnnouncedIssuer()
    {
        await using var server = await TestServer.StartAsync(new() { ["Spacegate:PublicBaseUrl"] = "https://spaces.example.test" });
        var issuer = await IssuerAsync(server);
        Assert.Equal("https://spaces.example.test/", issuer);
        var browser = server.CreateClient();
        await SignInAsync(browser, "bob@demo.spacegate.test");

        var error = Redirected(await browser.GetAsync(AuthorizeUrl(scope: "Teleport")), AcmeRedirect, fragment: false);
        Assert.Equal("invalid_scope", error["error"]);
        Assert.Equal(issuer, error["iss"]);
        var success = Redirected(await ConsentAsync(browser, AuthorizeUrl()), AcmeRedirect, fragment: false);
        Assert.Equal(issuer, success["iss"]);
    }

    private void AssertError(NameValueCollection parameters, string error)
    {
        Assert.Equal(error, parameters["error"]);
        Assert.Equal("xyz", parameters["state"]);
        Assert.Equal(_issuer, parameters["iss"]);
        Assert.Null(parameters["code"]);
        Assert.Null(parameters["access_token"]);
    }

    private static NameValueCollection Redirected(HttpResponseMessage response, string redirectUri, bool fragment)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(redirectUri, location.GetLeftPart(UriPartial.Path));
        if (fragment)
        {
            Assert.True(string.IsNullOrEmpty(location.Query), $"a token-type response must not use the query: {location}");
            return HttpUtility.ParseQueryString(location.Fragment.TrimStart('#'));
        }
        Assert.True(string.IsNullOrEmpty(location.Fragment), $"a code-type response must use the query: {location}");
        return HttpUtility.ParseQueryString(location.Query);
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var browser = _server.CreateClient();
        await SignInAsync(browser, "bob@demo.spacegate.test");
        return browser;
    }

    private static async Task<string> IssuerAsync(TestServer server)
    {
        var metadata = JsonDocument.Parse(await server.CreateClient(false).GetStringAsync("/.well-known/oauth-authorization-server")).RootElement;
        return metadata.GetProperty("issuer").GetString()!;
    }

    private static async Task<string> CreateImplicitAppAsync(TestServer server, string name)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ApplicationService>().CreateAsync("acme",
            new ApplicationRegistration(name, [ImplicitRedirect], ["ViewPublic", "ViewDetails"], ClientKind: ClientKind.Implicit), CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.ClientId!;
    }
}
