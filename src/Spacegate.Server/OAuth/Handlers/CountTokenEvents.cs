using OpenIddict.Server;
using Spacegate.Server.Operations;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Spacegate.Server.OAuth.Handlers;

/// <summary>Feeds <see cref="SpacegateMetrics"/>: access tokens issued (token endpoint and implicit flow) and revocation requests.</summary>
public sealed class CountTokenEvents(SpacegateMetrics metrics)
    : IOpenIddictServerHandler<ProcessSignInContext>, IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor SignInDescriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseSingletonHandler<CountTokenEvents>()
            .SetOrder(OpenIddictServerHandlers.AttachSignInParameters.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor RevocationDescriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
            .UseSingletonHandler<CountTokenEvents>()
            .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order + 600)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.IsRejected || string.IsNullOrEmpty(context.AccessToken))
        {
            return default;
        }
        if (context.EndpointType is OpenIddictServerEndpointType.Token && context.Request.GrantType is { } grantType)
        {
            metrics.TokenIssued(grantType);
        }
        else if (context.EndpointType is OpenIddictServerEndpointType.Authorization)
        {
            metrics.TokenIssued(GrantTypes.Implicit);
        }
        return default;
    }

    public ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        if (!context.IsRejected)
        {
            metrics.Revoked("token");
        }
        return default;
    }
}
