using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Spacegate.Server.Data;
using Spacegate.Server.Grants;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Spacegate.Server.OAuth.Handlers;

/// <summary>
/// RFC 7009 §2.1: revoking a refresh token also revokes the access tokens issued from it. Spacegate revokes
/// the token's family: the code exchange it came from, its rotated successors and every access token they
/// issued. The user's other sessions of the same grant keep working. Runs after OpenIddict revoked the token
/// itself, and only for a token that <see cref="RestrictRevocationToOwnTokens"/> let through.
/// </summary>
public sealed class RevokeTokensIssuedFromRefreshToken(SpacegateDbContext db, GrantRevocationService revocation)
    : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
            .UseScopedHandler<RevokeTokensIssuedFromRefreshToken>()
            .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        if (context.GenericTokenPrincipal is not { } principal || !principal.HasTokenType(TokenTypeIdentifiers.RefreshToken) ||
            principal.GetTokenId() is not { } tokenId)
        {
            return;
        }
        var familyId = await db.Tokens.Where(t => t.Id == tokenId).Select(t => t.FamilyId)
            .FirstOrDefaultAsync(context.CancellationToken);
        if (familyId is not null)
        {
            await revocation.RevokeFamilyAsync(familyId, context.CancellationToken);
        }
    }
}
