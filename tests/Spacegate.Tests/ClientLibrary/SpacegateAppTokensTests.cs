using Microsoft.Extensions.DependencyInjection;
using Spacegate.Client.Errors;
using Spacegate.Client.ModelApi;
using Spacegate.Client.Tokens;
using Spacegate.Server.Seeding;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ClientLibrary;

/// <summary>The client-credentials token: cached, renewed before expiry, one request for concurrent callers.</summary>
public sealed class SpacegateAppTokensTests(ClientLibraryFixture fixture) : IClassFixture<ClientLibraryFixture>
{
    private ServiceProvider Globex() => fixture.CreateClientServices(clientId: OAuthClient.GlobexClientId, secret: OAuthClient.GlobexSecret,
        redirectUri: DemoData.GlobexAppRedirectUri);

    [Fact]
    public async Task ClientCredentialsToken_IsReusedUntilNearExpiry_ThenRenewedOnce()
    {
        await using var services = Globex();
        var tokens = services.GetRequiredService<SpacegateAppTokens>();

        var first = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => tokens.GetAccessTokenAsync())));
        Assert.Single(first.Distinct());
        Assert.Equal(1, fixture.Counter.ClientCredentialsRequests);

        fixture.Server.Advance(TimeSpan.FromMinutes(58));
        Assert.Equal(first[0], await tokens.GetAccessTokenAsync());
        Assert.Equal(1, fixture.Counter.ClientCredentialsRequests);

        // Inside the last minute (RefreshBeforeExpiry): renewed before it can expire on the way.
        fixture.Server.Advance(TimeSpan.FromSeconds(90));
        var renewed = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => tokens.GetAccessTokenAsync())));
        Assert.Single(renewed.Distinct());
        Assert.NotEqual(first[0], renewed[0]);
        Assert.Equal(2, fixture.Counter.ClientCredentialsRequests);
        var api = services.GetRequiredService<SpacegateModelApiFactory>().ForApplication();
        Assert.NotEmpty((await api.SearchModelsAsync(pageSize: 1)).Results);
        Assert.Equal(2, fixture.Counter.ClientCredentialsRequests);
    }

    [Fact]
    public async Task RevokedApplicationToken_IsRenewedOnce_ByTheHandler()
    {
        await using var services = Globex();
        var tokens = services.GetRequiredService<SpacegateAppTokens>();
        var api = services.GetRequiredService<SpacegateModelApiFactory>().ForApplication();
        await api.SearchModelsAsync(pageSize: 1);
        var revoked = await tokens.GetAccessTokenAsync();
        var introspection = services.GetRequiredService<SpacegateOAuthClient>();
        Assert.True((await introspection.IntrospectAsync(revoked)).Active);

        await introspection.RevokeAsync(revoked, "access_token");

        Assert.False((await introspection.IntrospectAsync(revoked)).Active);
        Assert.NotEmpty((await api.SearchModelsAsync(pageSize: 1)).Results);
        Assert.Equal(2, fixture.Counter.ClientCredentialsRequests);
        Assert.NotEqual(revoked, await tokens.GetAccessTokenAsync());
    }

    [Fact]
    public async Task ClientCredentials_ForAnAccountWithoutPme_SurfacesUnauthorizedClient()
    {
        await using var services = fixture.CreateClientServices();
        var exception = await Assert.ThrowsAsync<SpacegateTokenException>(() => services.GetRequiredService<SpacegateAppTokens>().GetAccessTokenAsync());
        Assert.Equal("unauthorized_client", exception.Error);
    }

    [Fact]
    public async Task ClientCredentials_WithAWrongSecret_SurfacesInvalidClient()
    {
        await using var services = fixture.CreateClientServices(clientId: OAuthClient.GlobexClientId, secret: "not-the-secret",
            redirectUri: DemoData.GlobexAppRedirectUri);
        var exception = await Assert.ThrowsAsync<SpacegateTokenException>(() => services.GetRequiredService<SpacegateAppTokens>().GetAccessTokenAsync());
        Assert.Equal("invalid_client", exception.Error);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, exception.Status);
    }

    [Fact]
    public async Task FileTokenStore_KeepsEachKeyApart_AndSurvivesANewInstance()
    {
        var folder = Path.Combine(Path.GetTempPath(), "spacegate-tokens-" + Guid.NewGuid().ToString("N"));
        try
        {
            var tokens = new SpacegateTokenSet("access", "refresh", DateTimeOffset.UnixEpoch.AddDays(1), "ViewDetails");
            await new FileTokenStore(folder).SetAsync("alice", tokens);
            var reopened = new FileTokenStore(folder);
            Assert.Equal(tokens, await reopened.GetAsync("alice"));
            Assert.Null(await reopened.GetAsync("bob"));
            var file = Assert.Single(Directory.GetFiles(folder));
            Assert.DoesNotContain("alice", Path.GetFileName(file));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
            await reopened.RemoveAsync("alice");
            Assert.Null(await reopened.GetAsync("alice"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
