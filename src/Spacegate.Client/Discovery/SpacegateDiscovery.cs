using Duende.IdentityModel.Client;
using Microsoft.Extensions.Options;
using Spacegate.Client.Errors;

namespace Spacegate.Client.Discovery;

/// <summary>Reads and caches the server's metadata (<c>/.well-known/oauth-authorization-server</c>).</summary>
public sealed class SpacegateDiscovery
{
    private readonly DiscoveryCache _cache;

    /// <summary>Creates the discovery reader.</summary>
    public SpacegateDiscovery(IHttpClientFactory httpClientFactory, IOptions<SpacegateClientOptions> options)
    {
        var settings = options.Value;
        var authority = settings.BaseAddress!.ToString().TrimEnd('/');
        // OAuth metadata (RFC 8414), not OpenID Connect: there is no key set to require. The issuer and every
        // endpoint are checked against the configured base address, so a tampered document is refused.
        var policy = new DiscoveryPolicy
        {
            Authority = authority,
            DiscoveryDocumentPath = ".well-known/oauth-authorization-server",
            RequireKeySet = false,
            RequireHttps = true,
            AllowHttpOnLoopback = true,
        };
        foreach (var address in settings.AdditionalEndpointBaseAddresses)
        {
            policy.AdditionalEndpointBaseAddresses.Add(address);
        }
        _cache = new DiscoveryCache(authority, () => httpClientFactory.CreateClient(SpacegateHttpClients.OAuth), policy)
        {
            CacheDuration = settings.DiscoveryCacheDuration,
        };
    }

    /// <summary>The server's endpoints, fetched once and cached.</summary>
    /// <exception cref="SpacegateException">The metadata could not be read or failed validation.</exception>
    public async Task<SpacegateEndpoints> GetEndpointsAsync()
    {
        var document = await _cache.GetAsync().ConfigureAwait(false);
        if (document.IsError)
        {
            _cache.Refresh();
            throw new SpacegateException($"Could not read the Spacegate metadata: {document.Error}", document.Exception);
        }
        return new SpacegateEndpoints(document.Issuer!, document.AuthorizeEndpoint!, document.TokenEndpoint!,
            document.RevocationEndpoint!, document.IntrospectionEndpoint!);
    }
}
