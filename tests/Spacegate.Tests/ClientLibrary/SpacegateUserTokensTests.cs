using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Client.Errors;
using Spacegate.Client.ModelApi;
using Spacegate.Client.Tokens;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ClientLibrary;

/// <summary>Refresh under concurrency, rotation and lost grants, counted at the real server.</summary>
public sealed class SpacegateUserTokensTests(ClientLibraryFixture fixture) : IClassFixture<ClientLibraryFixture>
{
    private const string Key = "user-1";
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task FiftyConcurrentCalls_AfterTheAccessTokenExpired_CauseExactlyOneRefreshRequest()
    {
        var store = new InMemoryTokenStore();
        await using var services = fixture.CreateClientServices(store);
        var first = await ClientConnections.ConnectAsync(Server, services, Key);
        var api = services.GetRequiredService<SpacegateModelApiFactory>().ForUser(Key);
        var seen = new ConcurrentBag<string>();
        fixture.Counter.OnModelApiRequest = seen.Add;

        Server.Advance(TimeSpan.FromMinutes(61));
        var pages = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => api.SearchModelsAsync(pageSize: 1))));

        Assert.All(pages, page => Assert.Single(page.Results));
        Assert.Equal(1, fixture.Counter.RefreshRequests);
        var stored = await store.GetAsync(Key);
        Assert.NotNull(stored);
        Assert.NotEqual(first.AccessToken, stored.AccessToken);
        // A refresh token younger than 24 hours is kept: the server returned none.
        Assert.Equal(first.RefreshToken, stored.RefreshToken);
        Assert.Equal(50, seen.Count);
        Assert.All(seen, token => Assert.Equal(stored.AccessToken, token));
    }

    [Fact]
    public async Task StaleRefreshToken_RotatesOnce_AndTheSuccessorIsStoredBeforeTheNewAccessTokenIsUsed()
    {
        var store = new InMemoryTokenStore();
        await using var services = fixture.CreateClientServices(store);
        var first = await ClientConnections.ConnectAsync(Server, services, Key);
        var api = services.GetRequiredService<SpacegateModelApiFactory>().ForUser(Key);
        var violations = new ConcurrentBag<string>();
        fixture.Counter.OnModelApiRequest = token =>
        {
            // The in-memory store answers synchronously: this is what a crash at this instant would leave behind.
            var stored = store.GetAsync(Key).AsTask().Result;
            if (stored is null || stored.AccessToken != token || stored.RefreshToken == first.RefreshToken)
            {
                violations.Add(token);
            }
        };

        Server.Advance(TimeSpan.FromHours(25));
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => api.SearchModelsAsync(pageSize: 1))));

        Assert.Equal(1, fixture.Counter.RefreshRequests);
        Assert.Empty(violations);
        var rotated = (await store.GetAsync(Key))!;
        Assert.NotNull(rotated.RefreshToken);
        Assert.NotEqual(first.RefreshToken, rotated.RefreshToken);

        // The successor is young: the next refresh keeps it.
        fixture.Counter.OnModelApiRequest = null;
        Server.Advance(TimeSpan.FromMinutes(61));
        await api.SearchModelsAsync(pageSize: 1);
        Assert.Equal(2, fixture.Counter.RefreshRequests);
        Assert.Equal(rotated.RefreshToken, (await store.GetAsync(Key))!.RefreshToken);

        // Someone replays the old refresh token after the leeway: the server revokes the grant, and the app is told to
        // reconnect the user instead of retrying.
        using var attacker = Server.CreateClient(cookies: false);
        Assert.Equal("invalid_grant", (await OAuthClient.RefreshAsync(attacker, first.RefreshToken!)).Error);
        Server.Advance(TimeSpan.FromMinutes(61));
        await Assert.ThrowsAsync<SpacegateReconnectRequiredException>(() => api.SearchModelsAsync(pageSize: 1));
        Assert.Null(await store.GetAsync(Key));
    }

    [Fact]
    public async Task RevokedGrant_SurfacesReconnectRequired_AfterOneRefreshAttempt()
    {
        var store = new InMemoryTokenStore();
        await using var services = fixture.CreateClientServices(store);
        await ClientConnections.ConnectAsync(Server, services, Key);
        var api = services.GetRequiredService<SpacegateModelApiFactory>().ForUser(Key);
        Assert.Single((await api.SearchModelsAsync(pageSize: 1)).Results);

        var grants = System.Text.Json.JsonDocument.Parse((await CliRunner.RunAsync(Server, "grants", "list", "--account", "acme", "--json")).Output).RootElement;
        foreach (var grant in grants.EnumerateArray())
        {
            Assert.Equal(0, (await CliRunner.RunAsync(Server, "grants", "revoke", grant.GetProperty("id").GetString()!)).Code);
        }

        // The access token is still "fresh" for the client: the API refuses it, the client refreshes once, is refused.
        var exception = await Assert.ThrowsAsync<SpacegateReconnectRequiredException>(() => api.SearchModelsAsync(pageSize: 1));
        Assert.Equal(Key, exception.Key);
        Assert.Equal(1, fixture.Counter.RefreshRequests);
        Assert.Null(await store.GetAsync(Key));

        // Nothing left to retry with: no further request reaches the token endpoint.
        await Assert.ThrowsAsync<SpacegateReconnectRequiredException>(() => api.SearchModelsAsync(pageSize: 1));
        Assert.Equal(1, fixture.Counter.RefreshRequests);
    }

    [Fact]
    public async Task UnknownKey_SurfacesReconnectRequired_WithoutCallingTheServer()
    {
        await using var services = fixture.CreateClientServices();
        var api = services.GetRequiredService<SpacegateModelApiFactory>().ForUser("nobody");
        await Assert.ThrowsAsync<SpacegateReconnectRequiredException>(() => api.GetModelAsync("HXDYzEzVMGP"));
        Assert.Equal(0, fixture.Counter.RefreshRequests);
    }

    [Fact]
    public async Task Disconnect_RevokesTheRefreshTokenAtTheServer_AndForgetsIt()
    {
        var store = new InMemoryTokenStore();
        await using var services = fixture.CreateClientServices(store);
        var tokens = await ClientConnections.ConnectAsync(Server, services, Key);
        var userTokens = services.GetRequiredService<SpacegateUserTokens>();

        await userTokens.DisconnectAsync(Key);

        Assert.False(await userTokens.IsConnectedAsync(Key));
        using var api = Server.CreateClient(cookies: false);
        Assert.Equal("invalid_grant", (await OAuthClient.RefreshAsync(api, tokens.RefreshToken!)).Error);
        Assert.True((await GraphClient.PostAsync(api, tokens.AccessToken, "{ models { totalResults } }")).HasErrors);
    }
}
