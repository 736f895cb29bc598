using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Client.Authorization;
using Spacegate.Client.Tokens;
using Spacegate.Tests.Infrastructure;

namespace Spacegate.Tests.ClientLibrary;

/// <summary>Connects a demo user through the library's authorization flow and the server's real sign-in and consent.</summary>
public static class ClientConnections
{
    /// <summary>Runs StartAsync → sign-in → consent and returns the redirect the browser was sent to, with the pending authorization.</summary>
    public static async Task<(string Callback, PendingAuthorization Pending)> AuthorizeAsync(TestServer server, IServiceProvider services,
        string email = "bob@demo.spacegate.test", string decision = "allow")
    {
        var authorization = services.GetRequiredService<SpacegateAuthorization>();
        var pending = await authorization.StartAsync();
        using var browser = server.CreateClient();
        await OAuthClient.SignInAsync(browser, email);
        var response = await OAuthClient.ConsentAsync(browser, pending.Url, decision);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Expected the redirect to the app, got {response.StatusCode}");
        }
        return (response.Headers.Location!.ToString(), pending);
    }

    /// <summary>The whole flow: the user's tokens end up in the token store under <paramref name="key"/>.</summary>
    public static async Task<SpacegateTokenSet> ConnectAsync(TestServer server, IServiceProvider services, string key,
        string email = "bob@demo.spacegate.test")
    {
        var (callback, pending) = await AuthorizeAsync(server, services, email);
        var authorization = services.GetRequiredService<SpacegateAuthorization>();
        var checkedCallback = await authorization.ValidateCallbackAsync(callback, pending);
        return await authorization.ExchangeCodeAsync(key, checkedCallback, pending);
    }
}
