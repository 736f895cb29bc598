namespace Spacegate.Server.Domain;

public enum AccountRole
{
    Member = 0,
    Admin = 1,
}
