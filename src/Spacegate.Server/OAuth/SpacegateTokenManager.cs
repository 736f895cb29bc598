using System.ComponentModel.DataAnnotations;
using System.Runtime.CompilerServices;
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

    /// <summary>
    /// OpenIddict's checks without its query for another token with the same reference identifier: that lookup
    /// costs a database round trip on every token written, while the identifier is 256 random bits and the unique
    /// index on <c>ReferenceId</c> refuses a duplicate anyway.
    /// </summary>
    public override async IAsyncEnumerable<ValidationResult> ValidateAsync(OAuthToken token,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (string.IsNullOrEmpty(await Store.GetTypeAsync(token, cancellationToken)))
        {
            yield return new ValidationResult("The token type cannot be null or empty.");
        }
        if (string.IsNullOrEmpty(await Store.GetStatusAsync(token, cancellationToken)))
        {
            yield return new ValidationResult("The status cannot be null or empty.");
        }
    }
}
