using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Spacegate.Server.OAuth.Handlers;

/// <summary>
/// SPEC §3: a client introspects only the tokens issued to it. OpenIddict lets any client see tokens that
/// carry no audience, and Spacegate's tokens carry none, so the presenter (the client the token was issued
/// to) decides; anyone else gets <c>{"active":false}</c>, revealing nothing about the token.
/// </summary>
public sealed class RestrictIntrospectionToOwnTokens : IOpenIddictServerHandler<ValidateIntrospectionRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateIntrospectionRequestContext>()
            .UseSingletonHandler<RestrictIntrospectionToOwnTokens>()
            .SetOrder(OpenIddictServerHandlers.Introspection.ValidateAuthorizedParty.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateIntrospectionRequestContext context)
    {
        if (context.GenericTokenPrincipal is { } principal && !principal.HasPresenter(context.ClientId!))
        {
            context.Reject(Errors.InvalidToken, "The token was not issued to this client.");
        }
        return default;
    }
}
