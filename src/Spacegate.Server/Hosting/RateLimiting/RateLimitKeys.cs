using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace Spacegate.Server.Hosting.RateLimiting;

/// <summary>
/// Which limited endpoint a request is for and whose budget it spends. Keys come from what the request
/// already carries, cheaply: no database, no secret checked (that is the work the limits protect).
/// </summary>
public static class RateLimitKeys
{
    public static readonly PathString TokenPath = "/api/oauth/token";
    public static readonly PathString ModelApiPath = ModelApi.GraphEndpoint.Path;
    public static readonly PathString SignInPath = "/account/login";

    // Longer attacker-chosen keys are hashed, so a partition never holds more than this.
    private const int MaxKeyLength = 128;

    public static RateLimitedEndpoint Classify(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.HasValue && request.Path.Value!.Length > 1 ? new PathString(request.Path.Value.TrimEnd('/')) : request.Path;
        return path switch
        {
            _ when HttpMethods.IsPost(request.Method) && path.Equals(TokenPath) => RateLimitedEndpoint.Token,
            _ when (HttpMethods.IsPost(request.Method) || HttpMethods.IsGet(request.Method)) && path.Equals(ModelApiPath) => RateLimitedEndpoint.ModelApi,
            _ when HttpMethods.IsPost(request.Method) && path.Equals(SignInPath) => RateLimitedEndpoint.SignIn,
            _ => RateLimitedEndpoint.None,
        };
    }

    /// <summary>The client_id from HTTP Basic or the form; requests naming none share their address's budget.</summary>
    public static string Client(HttpContext context)
    {
        var clientId = BasicClientId(context.Request) ?? FormValue(context, "client_id");
        return string.IsNullOrEmpty(clientId) ? Address(context) : "client:" + Bounded(clientId);
    }

    /// <summary>A hash of the bearer token (tokens are never kept as keys); no token: the address.</summary>
    public static string BearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length > 7 && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return "token:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(header[7..].Trim())));
        }
        return Address(context);
    }

    public static string Address(HttpContext context) => "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    /// <summary>The email typed into the sign-in form, normalized as Identity does; null when there is none.</summary>
    public static string? Account(HttpContext context) =>
        FormValue(context, "Email")?.Trim() is { Length: > 0 } email ? "account:" + Bounded(email.ToUpperInvariant()) : null;

    // Reads only a form the pipeline has already buffered (RateLimitingExtensions does it for these endpoints).
    private static string? FormValue(HttpContext context, string name) =>
        context.Features.Get<IFormFeature>()?.Form is { } form ? (string?)form[name] : null;

    private static string? BasicClientId(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) ||
            !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is not { Length: <= 4096 } encoded)
        {
            return null;
        }
        Span<byte> bytes = stackalloc byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var written))
        {
            return null;
        }
        var credentials = Encoding.UTF8.GetString(bytes[..written]);
        var colon = credentials.IndexOf(':');
        return colon <= 0 ? null : Uri.UnescapeDataString(credentials[..colon]);
    }

    private static string Bounded(string key) =>
        key.Length <= MaxKeyLength ? key : "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
