using Microsoft.Extensions.Options;

namespace Spacegate.Server.OAuth;

public enum ServerMode
{
    /// <summary>Local sandbox: demo data on first start, sandbox clock available.</summary>
    Sandbox,
    Production,
}

public sealed class SpacegateOptions
{
    public const string Section = "Spacegate";

    public ServerMode Mode { get; set; } = ServerMode.Sandbox;

    /// <summary>The public base URL used in links the server builds (discovery, PME links). Empty: the request's own.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a rotated refresh token keeps working (returning the same successor).</summary>
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Seeds demo users, accounts and apps on first start (sandbox mode only).</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>
    /// Lets a sandbox (demo users, published demo secrets, plain HTTP) listen on a non-loopback address,
    /// e.g. inside a container. Off by default: a sandbox is reachable only from this machine.
    /// </summary>
    public bool AllowNonLoopbackSandbox { get; set; }

    /// <summary>
    /// Base64 of 32 random bytes (e.g. <c>openssl rand -base64 32</c>). Encrypts the token signing and
    /// encryption keys and the Data Protection keys stored in the database. Required in production.
    /// </summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>
    /// IP addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto headers are trusted.
    /// Nobody is trusted by default.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/8</c>) of trusted reverse proxies, as <see cref="KnownProxies"/>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>Failed sign-ins before the account is locked out for <see cref="LockoutMinutes"/>.</summary>
    public int MaxFailedSignIns { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;

    public bool IsSandbox => Mode == ServerMode.Sandbox;

    public bool TrustsProxies => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

public sealed class SpacegateOptionsValidator : IValidateOptions<SpacegateOptions>
{
    public ValidateOptionsResult Validate(string? name, SpacegateOptions options)
    {
        var failures = new List<string>();
        if (options.RefreshTokenReuseLeeway < TimeSpan.Zero || options.RefreshTokenReuseLeeway > TimeSpan.FromHours(1))
        {
            failures.Add("Spacegate:RefreshTokenReuseLeeway must be between 00:00:00 and 01:00:00.");
        }
        if (!string.IsNullOrEmpty(options.PublicBaseUrl) &&
            (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            failures.Add($"Spacegate:PublicBaseUrl '{options.PublicBaseUrl}' must be an absolute http(s) URL.");
        }
        if (options.MaxFailedSignIns < 1)
        {
            failures.Add("Spacegate:MaxFailedSignIns must be at least 1.");
        }
        if (!string.IsNullOrEmpty(options.KeyEncryptionKey) && !Data.KeyEncryption.TryDecodeKey(options.KeyEncryptionKey, out _))
        {
            failures.Add("Spacegate:KeyEncryptionKey must be the base64 encoding of exactly 32 bytes (e.g. `openssl rand -base64 32`).");
        }
        failures.AddRange(options.KnownProxies.Where(p => !System.Net.IPAddress.TryParse(p, out _))
            .Select(p => $"Spacegate:KnownProxies: '{p}' is not an IP address."));
        failures.AddRange(options.KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _))
            .Select(n => $"Spacegate:KnownNetworks: '{n}' is not a network in CIDR notation (e.g. 10.0.0.0/8)."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
