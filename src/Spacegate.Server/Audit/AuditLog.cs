using System.Security.Claims;
using System.Text.Json;
using Spacegate.Server.Data;

namespace Spacegate.Server.Audit;

/// <summary>
/// Writes <see cref="AuditEvent"/>s. <see cref="Add"/> only stages the row on the scope's DbContext, so the
/// action's own SaveChanges (OpenIddict's managers save through the same context) commits both together;
/// <see cref="WriteAsync"/> saves at once. The actor is the signed-in user of the request, else the scope's
/// <see cref="AuditActor"/> ("cli"), else "system", unless the caller names one (a bearer token's user or app).
/// </summary>
public sealed class AuditLog(SpacegateDbContext db, IHttpContextAccessor http, AuditActor scopeActor, TimeProvider clock)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public AuditEvent Add(string action, string? accountId = null, string? clientId = null, string? targetId = null,
        object? details = null, string? actor = null)
    {
        var (who, email) = actor is not null ? (actor, null) : CurrentActor();
        var now = clock.GetUtcNow();
        var entry = new AuditEvent
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            At = now,
            Action = action,
            Actor = who,
            ActorEmail = email,
            AccountId = accountId,
            ClientId = clientId,
            TargetId = targetId,
            Details = details is null ? null : JsonSerializer.Serialize(details, JsonOptions),
        };
        db.Add(entry);
        return entry;
    }

    public async Task WriteAsync(string action, string? accountId = null, string? clientId = null, string? targetId = null,
        object? details = null, string? actor = null, CancellationToken cancellationToken = default)
    {
        Add(action, accountId, clientId, targetId, details, actor);
        await db.SaveChangesAsync(cancellationToken);
    }

    private (string Actor, string? Email) CurrentActor()
    {
        if (http.HttpContext?.User is { Identity.IsAuthenticated: true } user &&
            user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            return (userId, user.FindFirstValue(ClaimTypes.Email));
        }
        return (scopeActor.Name ?? AuditActions.SystemActor, null);
    }
}
