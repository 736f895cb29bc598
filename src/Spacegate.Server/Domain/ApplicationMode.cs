namespace Spacegate.Server.Domain;

/// <summary>development → pending → production, or back to development when rejected.</summary>
public enum ApplicationMode
{
    Development = 0,
    Pending = 1,
    Production = 2,
}
