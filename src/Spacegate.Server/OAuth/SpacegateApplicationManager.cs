using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using Spacegate.Server.Data;

namespace Spacegate.Server.OAuth;

/// <summary>
/// Client secrets are 256-bit values from the CSPRNG, never chosen by people. A slow password hash
/// (PBKDF2) defends low-entropy secrets against guessing; against 2^256 candidates a single SHA-256
/// already makes an offline search hopeless, so verification stays one hash and one constant-time
/// comparison instead of capping the token endpoint at a few hundred requests per second.
/// </summary>
public sealed class SpacegateApplicationManager(
    IOpenIddictApplicationCache<OAuthApplication> cache,
    ILogger<OpenIddictApplicationManager<OAuthApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OAuthApplication> store)
    : OpenIddictApplicationManager<OAuthApplication>(cache, logger, options, store)
{
    private const string Prefix = "sha256:";

    public static string HashSecret(string secret) =>
        Prefix + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    protected override ValueTask<string> ObfuscateClientSecretAsync(string secret, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(HashSecret(secret));

    protected override ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default)
    {
        if (!comparand.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return ValueTask.FromResult(false);
        }
        var expected = Encoding.ASCII.GetBytes(comparand);
        var actual = Encoding.ASCII.GetBytes(HashSecret(secret));
        return ValueTask.FromResult(CryptographicOperations.FixedTimeEquals(expected, actual));
    }
}
