using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Client.Errors;
using Spacegate.Client.ModelApi;
using Spacegate.Client.Tokens;
using Xunit;

namespace Spacegate.Tests.ClientLibrary;

/// <summary>
/// A refresh refused for a passing reason (rate limit): one attempt, an error to the caller, the connection kept, and
/// no new attempt before the server's Retry-After, however many callers arrive meanwhile.
/// </summary>
public sealed class SpacegateUserTokensFailureTests : IAsyncLifetime
{
    private readonly ClientLibraryFixture _fixture = new();

    // Three token requests an hour for the client: the code exchange, one refresh, then refusals.
    public Task InitializeAsync() => _fixture.StartAsync(new()
    {
        ["RateLimits:TokenPerClient:PermitLimit"] = "2",
        ["RateLimits:TokenPerClient:Window"] = "01:00:00",
    });

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task RateLimitedRefresh_SurfacesSlowDownOnce_AndKeepsTheConnection()
    {
        var store = new InMemoryTokenStore();
        await using var services = _fixture.CreateClientServices(store);
        await ClientConnections.ConnectAsync(_fixture.Server, services, "k");
        var api = services.GetRequiredService<SpacegateModelApiFactory>().ForUser("k");
        _fixture.Server.Advance(TimeSpan.FromMinutes(61));
        await api.SearchModelsAsync(pageSize: 1);
        Assert.Equal(1, _fixture.Counter.RefreshRequests);
        var kept = await store.GetAsync("k");

        _fixture.Server.Advance(TimeSpan.FromMinutes(61));
        var calls = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
            await Record.ExceptionAsync(() => api.SearchModelsAsync(pageSize: 1)))));

        Assert.All(calls, exception =>
        {
            var refused = Assert.IsType<SpacegateTokenException>(exception);
            Assert.Equal("slow_down", refused.Error);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
            Assert.True(refused.RetryAfter > TimeSpan.Zero, "the server's Retry-After is passed on");
        });
        // One shared attempt for the ten callers, no retry; the tokens stay for a later try.
        Assert.Equal(2, _fixture.Counter.RefreshRequests);
        Assert.Equal(kept, await store.GetAsync("k"));

        // A caller arriving later, still within the Retry-After, gets the refusal without a request.
        var later = await Record.ExceptionAsync(() => api.SearchModelsAsync(pageSize: 1));
        Assert.Equal("slow_down", Assert.IsType<SpacegateTokenException>(later).Error);
        Assert.Equal(2, _fixture.Counter.RefreshRequests);
    }
}
