using System.Security.Cryptography;
using System.Text;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Client.Authorization;
using Spacegate.Client.Errors;
using Spacegate.Client.Tokens;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ClientLibrary;

/// <summary>The authorization code flow of the library against the real sign-in and consent.</summary>
public sealed class SpacegateAuthorizationTests(ClientLibraryFixture fixture) : IClassFixture<ClientLibraryFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task StartAsync_BuildsAnAuthorizeUrl_WithFreshStateAndPkceS256()
    {
        await using var services = fixture.CreateClientServices();
        var authorization = services.GetRequiredService<SpacegateAuthorization>();
        var pending = await authorization.StartAsync();
        var other = await authorization.StartAsync();

        var url = new Uri(pending.Url);
        Assert.Equal(new Uri(Server.BaseAddress, "/oauth/authorize").GetLeftPart(UriPartial.Path), url.GetLeftPart(UriPartial.Path));
        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.Equal(OAuthClient.AcmeClientId, query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("ViewDetails EditDetails", query["scope"]);
        Assert.Equal(OAuthClient.AcmeRedirect, query["redirect_uri"]);
        Assert.Equal(pending.State, query["state"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        var expected = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(pending.CodeVerifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(expected, query["code_challenge"]);
        Assert.True(pending.CodeVerifier.Length >= 43);
        Assert.DoesNotContain(pending.CodeVerifier, pending.Url);
        Assert.NotEqual(pending.State, other.State);
        Assert.NotEqual(pending.CodeVerifier, other.CodeVerifier);
    }

    [Fact]
    public async Task Callback_WithMatchingStateAndIssuer_ExchangesTheCode_WithScopeAndExpiry()
    {
        var store = new InMemoryTokenStore();
        await using var services = fixture.CreateClientServices(store);
        var (callback, pending) = await ClientConnections.AuthorizeAsync(Server, services);
        var authorization = services.GetRequiredService<SpacegateAuthorization>();

        var checkedCallback = await authorization.ValidateCallbackAsync(callback, pending);
        var tokens = await authorization.ExchangeCodeAsync("k", checkedCallback, pending);

        Assert.Equal(["ViewDetails", "EditDetails"], tokens.Scopes);
        Assert.NotNull(tokens.RefreshToken);
        var lifetime = tokens.ExpiresAt - Server.Clock.GetUtcNow();
        Assert.InRange(lifetime, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(60));
        Assert.Equal(tokens, await store.GetAsync("k"));
        // Single use: the same code again is refused.
        var replay = await Assert.ThrowsAsync<SpacegateTokenException>(() => authorization.ExchangeCodeAsync("k2", checkedCallback, pending));
        Assert.Equal("invalid_grant", replay.Error);
    }

    [Fact]
    public async Task Callback_WithAnotherState_IsRejected_AndTheCodeIsNotSpent()
    {
        await using var services = fixture.CreateClientServices();
        var (callback, pending) = await ClientConnections.AuthorizeAsync(Server, services);
        var authorization = services.GetRequiredService<SpacegateAuthorization>();

        // An attacker's callback (CSRF / login fixation) carries a state this browser never got.
        var forged = callback.Replace("state=" + Uri.EscapeDataString(pending.State), "state=attacker", StringComparison.Ordinal);
        Assert.NotEqual(callback, forged);
        Assert.Equal("state_mismatch", (await Assert.ThrowsAsync<SpacegateAuthorizationException>(() => authorization.ValidateCallbackAsync(forged, pending))).Error);
        var withoutState = callback.Replace("state=" + Uri.EscapeDataString(pending.State), "x=y", StringComparison.Ordinal);
        Assert.Equal("state_mismatch", (await Assert.ThrowsAsync<SpacegateAuthorizationException>(() => authorization.ValidateCallbackAsync(withoutState, pending))).Error);
        // The callback of one sign-in checked against another pending one.
        var another = await authorization.StartAsync();
        Assert.Equal("state_mismatch", (await Assert.ThrowsAsync<SpacegateAuthorizationException>(() => authorization.ValidateCallbackAsync(callback, another))).Error);

        var genuine = await authorization.ValidateCallbackAsync(callback, pending);
        Assert.NotNull((await authorization.ExchangeCodeAsync("k", genuine, pending)).AccessToken);
    }

    [Fact]
    public async Task Callback_WithAnotherIssuerOrNone_IsRejected()
    {
        await using var services = fixture.CreateClientServices();
        var (callback, pending) = await ClientConnections.AuthorizeAsync(Server, services);
        var authorization = services.GetRequiredService<SpacegateAuthorization>();
        var query = HttpUtility.ParseQueryString(new Uri(callback).Query);
        Assert.False(string.IsNullOrEmpty(query["iss"]));

        // Mix-up attack: a response that another authorization server produced.
        var mixedUp = $"{OAuthClient.AcmeRedirect}?code={Uri.EscapeDataString(query["code"]!)}&state={Uri.EscapeDataString(pending.State)}&iss={Uri.EscapeDataString("https://evil.example/")}";
        Assert.Equal("issuer_mismatch", (await Assert.ThrowsAsync<SpacegateAuthorizationException>(() => authorization.ValidateCallbackAsync(mixedUp, pending))).Error);
        var noIssuer = $"{OAuthClient.AcmeRedirect}?code={Uri.EscapeDataString(query["code"]!)}&state={Uri.EscapeDataString(pending.State)}";
        Assert.Equal("issuer_mismatch", (await Assert.ThrowsAsync<SpacegateAuthorizationException>(() => authorization.ValidateCallbackAsync(noIssuer, pending))).Error);
    }

    [Fact]
    public async Task Callback_AfterTheUserDenied_SurfacesAccessDenied()
    {
        await using var services = fixture.CreateClientServices();
        var (callback, pending) = await ClientConnections.AuthorizeAsync(Server, services, decision: "deny");
        var authorization = services.GetRequiredService<SpacegateAuthorization>();
        var exception = await Assert.ThrowsAsync<SpacegateAuthorizationException>(() => authorization.ValidateCallbackAsync(callback, pending));
        Assert.Equal("access_denied", exception.Error);
    }

    [Fact]
    public async Task Exchange_WithAnotherVerifier_IsRefusedByTheServer()
    {
        await using var services = fixture.CreateClientServices();
        var (callback, pending) = await ClientConnections.AuthorizeAsync(Server, services);
        var authorization = services.GetRequiredService<SpacegateAuthorization>();
        var checkedCallback = await authorization.ValidateCallbackAsync(callback, pending);
        var stolen = pending with { CodeVerifier = (await authorization.StartAsync()).CodeVerifier };
        var exception = await Assert.ThrowsAsync<SpacegateTokenException>(() => authorization.ExchangeCodeAsync("k", checkedCallback, stolen));
        Assert.Equal("invalid_grant", exception.Error);
    }
}
