using Microsoft.AspNetCore.Identity;

namespace Spacegate.Server.Domain;

public sealed class SpacegateUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Operates the installation: approves apps for production and sets account flags.</summary>
    public bool IsPlatformAdmin { get; set; }

    public List<AccountMembership> Memberships { get; set; } = [];
}
