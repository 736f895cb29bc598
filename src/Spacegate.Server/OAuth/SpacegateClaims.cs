using System.Security.Claims;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Spacegate.Server.OAuth;

/// <summary>Claims Spacegate puts in its tokens, and how a token principal is assembled.</summary>
public static class SpacegateClaims
{
    /// <summary>The account the grant (or the client_credentials app) acts on.</summary>
    public const string AccountId = "spacegate_account";

    /// <summary>
    /// The token family (see <see cref="Data.OAuthToken.FamilyId"/>): set at the code exchange, inherited by
    /// every token refreshed from it, and copied into the stored token entry by <see cref="SpacegateTokenManager"/>.
    /// </summary>
    public const string FamilyId = "spacegate_family";

    public const string AuthenticationType = "Spacegate";

    public static ClaimsIdentity NewIdentity() => new(AuthenticationType, Claims.Name, Claims.Role);

    public static ClaimsIdentity CopyIdentity(ClaimsPrincipal source) =>
        new(source.Claims, AuthenticationType, Claims.Name, Claims.Role);

    /// <summary>Every claim Spacegate issues goes to the access token only (there are no identity tokens).</summary>
    public static ClaimsPrincipal Finish(ClaimsIdentity identity)
    {
        identity.SetDestinations(static _ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }
}
