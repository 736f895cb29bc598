using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Spacegate.Server.ModelApi;
using Spacegate.Server.Seeding;

namespace Spacegate.Server.Pages.ModelApiExplorer;

/// <summary>
/// <c>POST /api/models/graph/explorer/demo-token</c>, mapped in the sandbox only: the explorer's "Get a demo token"
/// button. The server asks its own token endpoint for a client_credentials token of the Globex demo app, so the token
/// passes every rule a real one does (client authentication against the stored secret hash, the PME check, the
/// lifetime cap, rate limits, metrics), and the demo secret never reaches the browser. The answer is no-store and
/// carries no CORS headers, so no other origin can read it; in production the path does not exist.
/// </summary>
public static class DemoTokenEndpoint
{
    public const string Path = GraphEndpoint.Path + "/explorer/demo-token";
    public const string HttpClientName = "Spacegate.ExplorerDemoToken";
    public const string ClientId = DemoData.GlobexAppClientId;

    /// <summary>Short: enough to explore, and the button mints another.</summary>
    public const string Lifetime = "15m";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, HandleAsync).DisableAntiforgery();

    private static async Task HandleAsync(HttpContext http, IServer server, IHttpClientFactory clients)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (LoopbackBase(server) is not { } self)
        {
            await WriteErrorAsync(http, StatusCodes.Status503ServiceUnavailable, "temporarily_unavailable",
                "The server does not know an address of its own to ask its token endpoint.");
            return;
        }
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = ClientId,
            ["client_secret"] = DemoData.GlobexAppSecret,
            ["expires_in"] = Lifetime,
        });
        var client = clients.CreateClient(HttpClientName);
        using var response = await client.PostAsync(new Uri(self, "api/oauth/token"), form, http.RequestAborted);
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(http.RequestAborted),
            cancellationToken: http.RequestAborted);
        var root = body.RootElement;
        if (!response.IsSuccessStatusCode || !root.TryGetProperty("access_token", out var token))
        {
            var error = root.TryGetProperty("error", out var e) ? e.GetString() ?? "server_error" : "server_error";
            var description = root.TryGetProperty("error_description", out var d) ? d.GetString() : null;
            // Busy or rate limited: the same answer (and when to retry); any other refusal is this gateway's 502.
            var status = (int)response.StatusCode is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable
                ? (int)response.StatusCode
                : StatusCodes.Status502BadGateway;
            if (response.Headers.RetryAfter is { } retryAfter)
            {
                http.Response.Headers.RetryAfter = retryAfter.ToString();
            }
            await WriteErrorAsync(http, status, error,
                $"The token endpoint refused the demo app {ClientId} (was it deleted or its secret reset?): {description ?? error}");
            return;
        }
        await http.Response.WriteAsJsonAsync(new
        {
            access_token = token.GetString(),
            token_type = "Bearer",
            expires_in = root.GetProperty("expires_in").GetInt32(),
            scope = root.TryGetProperty("scope", out var scope) ? scope.GetString() : null,
            client_id = ClientId,
        }, http.RequestAborted);
    }

    private static Task WriteErrorAsync(HttpContext http, int status, string error, string description)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new { error, error_description = description }, http.RequestAborted);
    }

    /// <summary>
    /// Where this server listens, as a loopback URL (a sandbox listens on loopback unless told otherwise):
    /// plain HTTP first, a wildcard host replaced by the loopback address.
    /// </summary>
    internal static Uri? LoopbackBase(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
        if (chosen is null)
        {
            return null;
        }
        var wildcard = chosen.Replace("://*:", "://wildcard:", StringComparison.Ordinal).Replace("://+:", "://wildcard:", StringComparison.Ordinal);
        if (!Uri.TryCreate(wildcard, UriKind.Absolute, out var uri))
        {
            return null;
        }
        var builder = new UriBuilder(uri) { Path = "/" };
        builder.Host = uri.Host switch
        {
            "wildcard" or "0.0.0.0" => "127.0.0.1",
            "[::]" => "[::1]",
            _ => uri.Host,
        };
        return builder.Uri;
    }
}
