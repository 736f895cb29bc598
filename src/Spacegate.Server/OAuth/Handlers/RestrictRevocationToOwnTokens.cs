using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Spacegate.Server.OAuth.Handlers;

/// <summary>
/// SPEC §3, RFC 7009 §2.1: a client revokes only tokens issued to it. OpenIddict skips its own check for
/// access tokens without an audience (all of Spacegate's), so any client, even a public one that proves
/// nothing but its client_id, could revoke another app's tokens, and kill every Private Model Embed link
/// published on a web page. The token's stored entry names the app it was issued to; for anyone else the
/// request is refused as <c>invalid_token</c>, which OpenIddict answers with an empty 200 (RFC 7009 §2.2),
/// so the caller learns nothing about the token and nothing is revoked.
/// </summary>
public sealed class RestrictRevocationToOwnTokens(IOpenIddictTokenManager tokens, IOpenIddictApplicationManager applications)
    : IOpenIddictServerHandler<ValidateRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateRevocationRequestContext>()
            .UseScopedHandler<RestrictRevocationToOwnTokens>()
            .SetOrder(OpenIddictServerHandlers.Revocation.ValidateAuthorizedParty.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateRevocationRequestContext context)
    {
        if (!await IsIssuedToCallerAsync(context))
        {
            context.Reject(Errors.InvalidToken, "The token was not issued to this client.");
        }
    }

    private async ValueTask<bool> IsIssuedToCallerAsync(ValidateRevocationRequestContext context)
    {
        if (string.IsNullOrEmpty(context.ClientId) || context.GenericTokenPrincipal?.GetTokenId() is not { } tokenId)
        {
            return false;
        }
        var token = await tokens.FindByIdAsync(tokenId, context.CancellationToken);
        var app = await applications.FindByClientIdAsync(context.ClientId, context.CancellationToken);
        if (token is null || app is null)
        {
            return false;
        }
        var owner = await tokens.GetApplicationIdAsync(token, context.CancellationToken);
        return owner is not null && owner == await applications.GetIdAsync(app, context.CancellationToken);
    }
}
