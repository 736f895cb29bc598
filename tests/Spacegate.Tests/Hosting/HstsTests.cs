using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Hosting;

/// <summary>In production, browsers are told to use HTTPS only (HSTS); the plain-HTTP sandbox never sends it.</summary>
public sealed class HstsTests
{
    [Fact]
    public async Task Hsts_ProductionOverHttps_HeaderSent()
    {
        await using var server = await TestServer.StartAsync(ProductionSettings.Valid());
        using var client = ProductionSettings.ViaProxy(server.CreateClient());

        var response = await client.GetAsync("/.well-known/oauth-authorization-server");

        Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var values));
        Assert.Equal("max-age=15552000", Assert.Single(values));
    }

    [Fact]
    public async Task Hsts_ProductionPlainHttpProbe_NoHeader()
    {
        await using var server = await TestServer.StartAsync(ProductionSettings.Valid());

        var response = await server.CreateClient().GetAsync("/health");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Hsts_Sandbox_NoHeader()
    {
        await using var server = await TestServer.StartAsync();

        var response = await server.CreateClient().GetAsync("/.well-known/oauth-authorization-server");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
