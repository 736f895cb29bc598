using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ModelApi;

/// <summary>One server with the test models; tokens are minted per test with the scopes it needs.</summary>
public sealed class ModelApiFixture : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync();
        Http = Server.CreateClient(cookies: false);
        await TestModels.AddAsync(Server);
    }

    /// <summary>An access token of bob (member of Acme) through the Acme app, with exactly these scopes.</summary>
    public async Task<string> AcmeTokenAsync(string scopes)
    {
        var token = await OAuthClient.FullCodeFlowAsync(Server, scope: scopes);
        return token.AccessToken ?? throw new InvalidOperationException(token.Body.ToString());
    }

    /// <summary>A client_credentials token of the Globex (PME-enabled) app, with every scope.</summary>
    public async Task<string> GlobexTokenAsync()
    {
        var token = await OAuthClient.ClientCredentialsAsync(Http);
        return token.AccessToken ?? throw new InvalidOperationException(token.Body.ToString());
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
