using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Spacegate.Server.Data;
using Spacegate.Server.OAuth;

namespace Spacegate.Server.ModelApi;

/// <summary>A download URL and the instant it stops working.</summary>
public sealed record SignedUrl(string Url, DateTimeOffset ValidUntil);

/// <summary>
/// Short-lived download URLs for scenes, images and bundle assets. The signature (HMAC-SHA256 with a key
/// shared by every node) covers the path, the expiry and the id of the access token that asked for the
/// URL, so a URL stops working when it expires or as soon as that token is revoked.
/// </summary>
public sealed class SignedUrls(SharedKeys keys, TimeProvider clock, IOptions<SpacegateOptions> options)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private const string KeyPurpose = "download-url-signing";

    public SignedUrl Sign(HttpRequest request, string path, string tokenId, DateTimeOffset? tokenExpires)
    {
        var until = clock.GetUtcNow() + Lifetime;
        if (tokenExpires is { } expires && expires < until)
        {
            until = expires;
        }
        var seconds = until.ToUnixTimeSeconds();
        var signature = Compute(path, seconds, tokenId);
        var query = $"?validUntil={seconds}&t={Uri.EscapeDataString(tokenId)}&sig={signature}";
        return new SignedUrl(PublicBase(request) + path + query, DateTimeOffset.FromUnixTimeSeconds(seconds));
    }

    /// <summary>Checks signature and expiry; returns the token id the URL was issued to, or null.</summary>
    public string? Verify(HttpRequest request)
    {
        var query = request.Query;
        if (query["validUntil"].Count != 1 || query["t"].Count != 1 || query["sig"].Count != 1 ||
            !long.TryParse(query["validUntil"][0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }
        var tokenId = query["t"][0]!;
        var expected = Encoding.ASCII.GetBytes(Compute(request.PathBase + request.Path, seconds, tokenId));
        var actual = Encoding.ASCII.GetBytes(query["sig"][0] ?? "");
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return null;
        }
        return clock.GetUtcNow().ToUnixTimeSeconds() < seconds ? tokenId : null;
    }

    /// <summary>The configured public base URL, or the one the request came in on.</summary>
    public string PublicBase(HttpRequest request)
    {
        var configured = options.Value.PublicBaseUrl;
        return string.IsNullOrEmpty(configured)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : configured.TrimEnd('/');
    }

    private string Compute(string path, long seconds, string tokenId)
    {
        var message = Encoding.UTF8.GetBytes($"GET\n{path}\n{seconds}\n{tokenId}");
        var mac = HMACSHA256.HashData(keys.Get(KeyPurpose), message);
        return System.Buffers.Text.Base64Url.EncodeToString(mac);
    }
}
