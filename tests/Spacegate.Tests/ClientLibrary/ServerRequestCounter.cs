using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Spacegate.Tests.ClientLibrary;

/// <summary>
/// Middleware placed in front of the real server's pipeline: counts token requests by grant type as the server
/// receives them, and lets a test look at every Model API request's bearer token as it arrives.
/// </summary>
public sealed class ServerRequestCounter : IStartupFilter
{
    private int _refreshRequests;
    private int _clientCredentialsRequests;

    public int RefreshRequests => Volatile.Read(ref _refreshRequests);
    public int ClientCredentialsRequests => Volatile.Read(ref _clientCredentialsRequests);

    /// <summary>Called with the bearer token of each Model API request, before the server handles it.</summary>
    public Action<string>? OnModelApiRequest { get; set; }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var request = context.Request;
            if (HttpMethods.IsPost(request.Method) && request.Path == "/api/oauth/token" && request.HasFormContentType)
            {
                // The form is cached on the request, so the server reads the same one afterwards.
                var form = await request.ReadFormAsync();
                switch (form["grant_type"].ToString())
                {
                    case "refresh_token": Interlocked.Increment(ref _refreshRequests); break;
                    case "client_credentials": Interlocked.Increment(ref _clientCredentialsRequests); break;
                }
            }
            else if (request.Path == "/api/models/graph" && request.Headers.Authorization.ToString() is { Length: > 7 } header
                && header.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                OnModelApiRequest?.Invoke(header[7..]);
            }
            await nextMiddleware(context);
        });
        next(app);
    };

    public void Reset()
    {
        Interlocked.Exchange(ref _refreshRequests, 0);
        Interlocked.Exchange(ref _clientCredentialsRequests, 0);
        OnModelApiRequest = null;
    }
}
