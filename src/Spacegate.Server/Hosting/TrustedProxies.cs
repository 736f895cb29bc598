using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Spacegate.Server.OAuth;

namespace Spacegate.Server.Hosting;

/// <summary>
/// Only the proxies in Spacegate:KnownProxies / Spacegate:KnownNetworks may say which client and which
/// scheme a request came from; nobody else, not even loopback (ASP.NET Core's default). X-Forwarded-Host
/// is never honoured: the issuer and links come from Spacegate:PublicBaseUrl, not from a header.
/// </summary>
public static class TrustedProxies
{
    public static void Configure(ForwardedHeadersOptions forwarded, SpacegateOptions options)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in options.KnownProxies)
        {
            if (IPAddress.TryParse(proxy, out var address))
            {
                forwarded.KnownProxies.Add(address);
            }
        }
        foreach (var network in options.KnownNetworks)
        {
            if (System.Net.IPNetwork.TryParse(network, out var parsed))
            {
                forwarded.KnownIPNetworks.Add(parsed);
            }
        }
    }
}
