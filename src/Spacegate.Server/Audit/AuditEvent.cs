namespace Spacegate.Server.Audit;

/// <summary>
/// One security-relevant action: who did what to which account, app and object, when. Written by
/// <see cref="AuditLog"/> only; <see cref="Details"/> is JSON and never holds a secret, code or token.
/// </summary>
public sealed class AuditEvent
{
    public string Id { get; set; } = "";
    public DateTimeOffset At { get; set; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public string Action { get; set; } = "";

    /// <summary>The user id of whoever acted, or "cli", "system", or "app:CLIENT_ID" for an app acting for itself.</summary>
    public string Actor { get; set; } = "";
    public string? ActorEmail { get; set; }
    public string? AccountId { get; set; }
    public string? ClientId { get; set; }

    /// <summary>The object acted on: a grant, app, account, model or token entry id.</summary>
    public string? TargetId { get; set; }
    public string? Details { get; set; }
}
