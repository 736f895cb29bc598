using OpenIddict.EntityFrameworkCore.Models;
using Spacegate.Server.Domain;

namespace Spacegate.Server.Data;

/// <summary>An OpenIddict application with the properties Spacegate adds (owner, mode, token duration).</summary>
public sealed class OAuthApplication : OpenIddictEntityFrameworkCoreApplication<string, OAuthGrant, OAuthToken>
{
    public string AccountId { get; set; } = "";
    public Account? Account { get; set; }
    public ApplicationMode Mode { get; set; }
    public int AccessTokenMinutes { get; set; } = 60;
    public string? ReviewNote { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
