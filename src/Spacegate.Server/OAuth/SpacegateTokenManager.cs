using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using Spacegate.Server.Data;

namespace Spacegate.Server.OAuth;

/// <summary>
/// Records each token's family (<see cref="SpacegateClaims.FamilyId"/>) in its stored entry, so that a family
/// can be revoked with one statement without reading every token's payload.
/// </summary>
public sealed class SpacegateTokenManager(
    IOpenIddictTokenCache<OAuthToken> cache,
    ILogger<OpenIddictTokenManager<OAuthToken>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictTokenStore<OAuthToken> store)
    : OpenIddictTokenManager<OAuthToken>(cache, logger, options, store)
{
    public override async ValueTask PopulateAsync(OAuthToken token, OpenIddictTokenDescriptor descriptor,
        CancellationToken cancellationToken = default)
    {
        await base.PopulateAsync(token, descriptor, cancellationToken);
        token.FamilyId = descriptor.Principal?.GetClaim(SpacegateClaims.FamilyId) ?? token.FamilyId;
    }
}
