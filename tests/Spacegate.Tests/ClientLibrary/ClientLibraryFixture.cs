using Microsoft.Extensions.DependencyInjection;
using Spacegate.Client;
using Spacegate.Client.Tokens;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ClientLibrary;

/// <summary>One real server per test class, with <see cref="ServerRequestCounter"/> in front of it.</summary>
public sealed class ClientLibraryFixture : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;
    public ServerRequestCounter Counter { get; } = new();

    public Task InitializeAsync() => StartAsync(settings: null);

    /// <summary>Starts the server with extra settings (for a test class that creates the fixture itself).</summary>
    public async Task StartAsync(Dictionary<string, string?>? settings) =>
        Server = await TestServer.StartAsync(settings, builder => builder.Services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(Counter));

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>
    /// A partner app's services: Spacegate.Client for the given demo app, on the server's (fake) clock, with the given
    /// token store. Dispose the provider at the end of the test.
    /// </summary>
    public ServiceProvider CreateClientServices(ITokenStore? store = null, string clientId = OAuthClient.AcmeClientId, string secret = OAuthClient.AcmeSecret,
        string redirectUri = OAuthClient.AcmeRedirect, string scopes = "ViewDetails EditDetails")
    {
        Counter.Reset();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Server.Clock);
        if (store is not null)
        {
            services.AddSingleton(store);
        }
        services.AddSpacegateClient(options =>
        {
            options.BaseAddress = Server.BaseAddress;
            options.ClientId = clientId;
            options.ClientSecret = secret;
            options.RedirectUri = new Uri(redirectUri);
            foreach (var scope in scopes.Split(' '))
            {
                options.Scopes.Add(scope);
            }
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
