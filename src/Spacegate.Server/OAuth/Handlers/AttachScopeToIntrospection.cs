using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Spacegate.Server.OAuth.Handlers;

/// <summary>
/// RFC 7662 §2.2: an active token's introspection carries its <c>scope</c>, so a resource server can check
/// what the token allows. OpenIddict returns scopes only to a token's audiences, and Spacegate's tokens have
/// none; <see cref="RestrictIntrospectionToOwnTokens"/> already limits introspection to the token's own
/// client, which may know the scope it was granted.
/// </summary>
public sealed class AttachScopeToIntrospection : IOpenIddictServerHandler<HandleIntrospectionRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleIntrospectionRequestContext>()
            .UseSingletonHandler<AttachScopeToIntrospection>()
            .SetOrder(OpenIddictServerHandlers.Introspection.AttachApplicationClaims.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleIntrospectionRequestContext context)
    {
        if (context.GenericTokenPrincipal is { } principal && !string.IsNullOrEmpty(context.Request.ClientId) &&
            principal.HasPresenter(context.Request.ClientId))
        {
            context.Scopes.UnionWith(principal.GetScopes());
        }
        return default;
    }
}
