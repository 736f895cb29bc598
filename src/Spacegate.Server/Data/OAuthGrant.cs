using OpenIddict.EntityFrameworkCore.Models;

namespace Spacegate.Server.Data;

/// <summary>A user's consent that an app may act on one account: an OpenIddict authorization plus that account.</summary>
public sealed class OAuthGrant : OpenIddictEntityFrameworkCoreAuthorization<string, OAuthApplication, OAuthToken>
{
    public string? AccountId { get; set; }
}
