using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;

namespace Spacegate.Server.Audit;

public sealed record AuditFilter(string? AccountId = null, string? ClientId = null, DateTimeOffset? Since = null,
    DateTimeOffset? Until = null, int Limit = 50, string? Before = null);

public sealed record AuditPage(List<AuditEvent> Events, string? NextBefore);

/// <summary>Reads the audit trail, newest first, in keyset pages (the CLI's `audit list` and /admin/audit).</summary>
public sealed class AuditQuery(SpacegateDbContext db)
{
    public const int MaxLimit = 1000;

    public async Task<AuditPage> ListAsync(AuditFilter filter, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(filter.Limit, 1, MaxLimit);
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.AccountId))
        {
            query = query.Where(e => e.AccountId == filter.AccountId);
        }
        if (!string.IsNullOrEmpty(filter.ClientId))
        {
            query = query.Where(e => e.ClientId == filter.ClientId);
        }
        if (filter.Since is { } since)
        {
            query = query.Where(e => e.At >= since);
        }
        if (filter.Until is { } until)
        {
            query = query.Where(e => e.At < until);
        }
        if (!string.IsNullOrEmpty(filter.Before))
        {
            // Ids are time-ordered (UUIDv7), so they are the page key on their own.
            query = query.Where(e => string.Compare(e.Id, filter.Before) < 0);
        }
        var events = await query.OrderByDescending(e => e.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var more = events.Count > limit;
        if (more)
        {
            events.RemoveAt(limit);
        }
        return new AuditPage(events, more ? events[^1].Id : null);
    }
}
