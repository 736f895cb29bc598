namespace Spacegate.Server.Audit;

/// <summary>Who acts in this scope when no user is signed in to the request: the CLI sets "cli", otherwise "system".</summary>
public sealed class AuditActor
{
    public string? Name { get; set; }
}
