using Xunit;

namespace Spacegate.Tests.Infrastructure;

/// <summary>One server per test class (xunit runs a class's tests one after another).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
