using OpenIddict.EntityFrameworkCore.Models;

namespace Spacegate.Server.Data;

public sealed class OAuthToken : OpenIddictEntityFrameworkCoreToken<string, OAuthApplication, OAuthGrant>
{
    /// <summary>
    /// The token family: every access and refresh token descended from one authorization code exchange
    /// (the code's token id). A grant holds several families, one per sign-in of the same user to the same
    /// app; a replayed code or a revoked refresh token ends its own family, not the user's other sessions.
    /// </summary>
    public string? FamilyId { get; set; }
}
