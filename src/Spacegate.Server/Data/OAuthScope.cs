using OpenIddict.EntityFrameworkCore.Models;

namespace Spacegate.Server.Data;

public sealed class OAuthScope : OpenIddictEntityFrameworkCoreScope<string>;
