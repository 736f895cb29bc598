using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Spacegate.Server.Pages.ModelApiExplorer;
using Xunit;

namespace Spacegate.Tests.ModelApi;

/// <summary>Which of its own addresses the sandbox's demo-token endpoint calls to reach the token endpoint.</summary>
public sealed class DemoTokenEndpointTests
{
    private sealed class FakeServer(params string[] addresses) : IServer
    {
        public IFeatureCollection Features { get; } = CreateFeatures(addresses);

        private static FeatureCollection CreateFeatures(string[] addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses)
            {
                feature.Addresses.Add(address);
            }
            var features = new FeatureCollection();
            features.Set<IServerAddressesFeature>(feature);
            return features;
        }

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull =>
            Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://localhost:5080", "http://localhost:5080/")]
    [InlineData("http://0.0.0.0:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://*:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://+:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://[::]:5080", "http://[::1]:5080/")]
    [InlineData("https://localhost:5443", "https://localhost:5443/")]
    public void LoopbackBase_ListeningAddress_LoopbackUrlOfTheSamePort(string listening, string expected) =>
        Assert.Equal(new Uri(expected), DemoTokenEndpoint.LoopbackBase(new FakeServer(listening)));

    [Fact]
    public void LoopbackBase_HttpAndHttps_PrefersPlainHttp() =>
        Assert.Equal(new Uri("http://127.0.0.1:5080/"),
            DemoTokenEndpoint.LoopbackBase(new FakeServer("https://127.0.0.1:5443", "http://127.0.0.1:5080")));

    [Fact]
    public void LoopbackBase_NoAddress_Null() => Assert.Null(DemoTokenEndpoint.LoopbackBase(new FakeServer()));
}
