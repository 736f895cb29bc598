namespace Spacegate.Server.Domain;

public sealed class AccountMembership
{
    public string AccountId { get; set; } = "";
    public Account? Account { get; set; }
    public string UserId { get; set; } = "";
    public SpacegateUser? User { get; set; }
    public AccountRole Role { get; set; }
}
