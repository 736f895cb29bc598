using OpenIddict.Abstractions;
using OpenIddict.Server;
using Spacegate.Server.Grants;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Spacegate.Server.OAuth.Handlers;

/// <summary>
/// SPEC §4: a second use of an authorization code fails and revokes the tokens issued from that code, and
/// only those. OpenIddict would revoke every token of the grant, which a user shares across all their
/// sessions of the same app and account, so one leaked code would sign them out everywhere. Runs just
/// before OpenIddict's own entry check and answers a redeemed code itself, with the same error.
/// </summary>
public sealed class RevokeOnlyTheCodesTokensOnReplay(IOpenIddictTokenManager tokens, GrantRevocationService revocation)
    : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseScopedHandler<RevokeOnlyTheCodesTokensOnReplay>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.TokenId is not { } codeId || context.Principal is not { } principal ||
            !principal.HasTokenType(TokenTypeIdentifiers.Private.AuthorizationCode) ||
            await tokens.FindByIdAsync(codeId, context.CancellationToken) is not { } entry ||
            !await tokens.HasStatusAsync(entry, Statuses.Redeemed, context.CancellationToken))
        {
            return;
        }
        await revocation.RevokeFamilyAsync(codeId, context.CancellationToken);
        context.Reject(Errors.InvalidToken, "The authorization code has already been redeemed; the tokens issued from it are revoked.");
    }
}
