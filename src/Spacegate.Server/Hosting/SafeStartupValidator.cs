using System.Net;
using Microsoft.Extensions.Options;
using Spacegate.Server.OAuth;

namespace Spacegate.Server.Hosting;

/// <summary>
/// Refuses unsafe combinations before the server binds a socket. A sandbox has demo users and
/// published secrets and speaks plain HTTP, so it listens on loopback only unless
/// Spacegate:AllowNonLoopbackSandbox says otherwise. Production must not hold demo data, must know
/// its public HTTPS address (the issuer, never taken from the Host header), must encrypt its stored
/// keys, and must not serve plain HTTP unless a trusted proxy terminates TLS in front of it.
/// Run by <see cref="SafeStartupCheck"/> when the server starts, not on every read of the options:
/// the CLI shares the configuration but serves nothing.
/// </summary>
public sealed class SafeStartupValidator(IConfiguration configuration) : IValidateOptions<SpacegateOptions>
{
    public ValidateOptionsResult Validate(string? name, SpacegateOptions options)
    {
        var failures = options.IsSandbox ? ValidateSandbox(options) : ValidateProduction(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private List<string> ValidateSandbox(SpacegateOptions options)
    {
        var exposed = ListenAddresses().Where(a => !IsLoopback(a)).ToList();
        if (exposed.Count == 0 || options.AllowNonLoopbackSandbox)
        {
            return [];
        }
        return [$"Spacegate:Mode is Sandbox (demo users, published demo secrets, plain HTTP) but the server would listen on " +
            $"{string.Join(", ", exposed)}, which other machines can reach. Listen on 127.0.0.1 or localhost (Urls), " +
            "or set Spacegate:AllowNonLoopbackSandbox=true if you really mean to expose the sandbox."];
    }

    private List<string> ValidateProduction(SpacegateOptions options)
    {
        var failures = new List<string>();
        if (options.SeedDemoData)
        {
            failures.Add("Spacegate:SeedDemoData must be false in production: the demo users and apps have published passwords and secrets.");
        }
        if (string.IsNullOrEmpty(options.PublicBaseUrl))
        {
            failures.Add("Spacegate:PublicBaseUrl is required in production: it is the issuer and the base of every link, " +
                "and must never be taken from the request's Host header.");
        }
        else if (!options.PublicBaseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Spacegate:PublicBaseUrl '{options.PublicBaseUrl}' must be an https:// URL in production.");
        }
        if (string.IsNullOrEmpty(options.KeyEncryptionKey))
        {
            failures.Add("Spacegate:KeyEncryptionKey is required in production: the base64 encoding of 32 random bytes " +
                "(e.g. `openssl rand -base64 32`), kept outside the database; it encrypts the stored signing and Data Protection keys.");
        }
        var plain = ListenAddresses().Where(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)).ToList();
        if (plain.Count > 0 && !options.TrustsProxies)
        {
            failures.Add($"Production would serve plain HTTP on {string.Join(", ", plain)}. Serve HTTPS (Kestrel certificate), " +
                "or terminate TLS at a reverse proxy and list it in Spacegate:KnownProxies or Spacegate:KnownNetworks " +
                "so that its X-Forwarded-Proto: https is trusted.");
        }
        return failures;
    }

    /// <summary>Every address Kestrel is configured to listen on: Urls/--urls/ASPNETCORE_URLS, HTTP(S)_PORTS, Kestrel:Endpoints.</summary>
    private IEnumerable<string> ListenAddresses()
    {
        foreach (var url in (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return url;
        }
        foreach (var (key, scheme) in new[] { ("http_ports", "http"), ("https_ports", "https") })
        {
            foreach (var port in (configuration[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return $"{scheme}://*:{port}"; // these bind every interface
            }
        }
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                yield return url;
            }
        }
    }

    private static bool IsLoopback(string url)
    {
        // "http://*:80" and "http://+:80" are not valid URIs but are valid Kestrel addresses (every interface).
        var host = url.Split("://", 2) is [_, var rest] ? rest : url;
        host = host.Split('/', 2)[0];
        host = host.StartsWith('[') ? host[..(host.IndexOf(']') + 1)] : host.Split(':')[0];
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
