using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Spacegate.Server.OAuth.Handlers;

/// <summary>
/// With Spacegate:PublicBaseUrl set (the issuer), the metadata document advertises every endpoint under
/// it rather than under the host name the request happened to use (a load balancer's internal address).
/// </summary>
public sealed class UsePublicBaseUrlInMetadata : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<UsePublicBaseUrlInMetadata>()
            .SetOrder(OpenIddictServerHandlers.Discovery.AttachEndpoints.Descriptor.Order + 100)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        if (context.Options.Issuer is not { } issuer)
        {
            return default;
        }
        context.AuthorizationEndpoint = Rebase(context.AuthorizationEndpoint, issuer);
        context.TokenEndpoint = Rebase(context.TokenEndpoint, issuer);
        context.RevocationEndpoint = Rebase(context.RevocationEndpoint, issuer);
        context.IntrospectionEndpoint = Rebase(context.IntrospectionEndpoint, issuer);
        context.JsonWebKeySetEndpoint = Rebase(context.JsonWebKeySetEndpoint, issuer);
        return default;
    }

    private static Uri? Rebase(Uri? endpoint, Uri issuer) =>
        endpoint is null ? null : new Uri(issuer, endpoint.PathAndQuery.TrimStart('/'));
}
