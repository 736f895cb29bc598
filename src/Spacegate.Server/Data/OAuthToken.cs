using OpenIddict.EntityFrameworkCore.Models;

namespace Spacegate.Server.Data;

public sealed class OAuthToken : OpenIddictEntityFrameworkCoreToken<string, OAuthApplication, OAuthGrant>;
