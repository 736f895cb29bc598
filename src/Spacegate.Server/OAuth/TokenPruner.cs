using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Spacegate.Server.Data;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Spacegate.Server.OAuth;

public sealed record PruneResult(int Tokens, int Grants, int Rotations, int ErasedSuccessors);

/// <summary>
/// Deletes what can never be used again: tokens (codes included) that expired, were revoked, redeemed or
/// belong to an ended grant; grants that were revoked (once their tokens are gone); rotation records of
/// deleted refresh tokens. Only rows created before the threshold go, so recent revocations stay visible.
/// Rows are deleted in keyset batches, each one DELETE statement (its own short transaction), and every batch
/// re-checks its condition, so any number of nodes can prune at once without locking token issuance for long
/// and without deleting anything that came back to life. Tokens are walked in creation order over the
/// (CreationDate, Id) index and the walk ends at the threshold, so a large store of young tokens costs nothing.
/// </summary>
public sealed class TokenPruner(SpacegateDbContext db, RotationRecords rotations, TimeProvider clock, IOptions<PruneOptions> options)
{
    public async Task<PruneResult> PruneAsync(DateTimeOffset threshold, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var before = threshold.UtcDateTime;
        var batch = Math.Max(1, options.Value.BatchSize);

        Expression<Func<OAuthToken, bool>> deadToken = t => t.CreationDate < before &&
            ((t.Status != Statuses.Inactive && t.Status != Statuses.Valid) ||
             t.ExpirationDate < now ||
             (t.Authorization != null && t.Authorization.Status != Statuses.Valid));
        var tokens = await DeleteTokensInBatchesAsync(deadToken, before, batch, cancellationToken);

        Expression<Func<OAuthGrant, bool>> deadGrant = g => g.CreationDate < before &&
            (g.Status != Statuses.Valid || (g.Type == AuthorizationTypes.AdHoc && !g.Tokens.Any())) &&
            !db.Tokens.Any(t => t.Authorization!.Id == g.Id);
        var grants = await DeleteInBatchesAsync(db.Grants, deadGrant, g => g.Id!, batch, cancellationToken);

        var erased = await rotations.EraseExpiredSuccessorsAsync(cancellationToken);
        Expression<Func<RefreshTokenRotation, bool>> orphan = r => !db.Tokens.Any(t => t.Id == r.TokenId);
        var records = await DeleteInBatchesAsync(db.RefreshTokenRotations, orphan, r => r.TokenId, batch, cancellationToken);
        return new PruneResult(tokens, grants, records, erased);
    }

    /// <summary>With the configured age: what the hosted service runs.</summary>
    public Task<PruneResult> PruneAsync(CancellationToken cancellationToken) =>
        PruneAsync(clock.GetUtcNow() - options.Value.OlderThan, cancellationToken);

    private async Task<int> DeleteTokensInBatchesAsync(Expression<Func<OAuthToken, bool>> condition, DateTime before,
        int batch, CancellationToken cancellationToken)
    {
        var deleted = 0;
        (DateTime Date, string Id)? after = null;
        while (true)
        {
            var query = db.Tokens.AsNoTracking().Where(t => t.CreationDate < before).Where(condition);
            if (after is { } last)
            {
                // The first conjunct gives the index its lower bound; the second is the exact keyset.
                query = query.Where(t => t.CreationDate >= last.Date &&
                    (t.CreationDate > last.Date || string.Compare(t.Id, last.Id) > 0));
            }
            var keys = await query.OrderBy(t => t.CreationDate).ThenBy(t => t.Id)
                .Select(t => new { Date = t.CreationDate!.Value, t.Id })
                .Take(batch).ToListAsync(cancellationToken);
            if (keys.Count == 0)
            {
                return deleted;
            }
            var ids = keys.Select(k => k.Id!).ToList();
            deleted += await db.Tokens.Where(condition).Where(t => ids.Contains(t.Id!)).ExecuteDeleteAsync(cancellationToken);
            if (keys.Count < batch)
            {
                return deleted;
            }
            after = (keys[^1].Date, keys[^1].Id!);
        }
    }

    private static async Task<int> DeleteInBatchesAsync<T>(DbSet<T> set, Expression<Func<T, bool>> condition,
        Expression<Func<T, string>> key, int batch, CancellationToken cancellationToken) where T : class
    {
        var deleted = 0;
        string? after = null;
        while (true)
        {
            var query = set.AsNoTracking().Where(condition);
            if (after is not null)
            {
                query = query.Where(After(key, after));
            }
            var ids = await query.OrderBy(key).Select(key).Take(batch).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return deleted;
            }
            deleted += await set.Where(condition).Where(In(key, ids)).ExecuteDeleteAsync(cancellationToken);
            if (ids.Count < batch)
            {
                return deleted;
            }
            after = ids[^1];
        }
    }

    // key > after, as string.Compare (translated to the database's own ordering, the one ORDER BY used).
    private static Expression<Func<T, bool>> After<T>(Expression<Func<T, string>> key, string after) =>
        Expression.Lambda<Func<T, bool>>(
            Expression.GreaterThan(
                Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!,
                    key.Body, Expression.Constant(new Box(after)).Property(nameof(Box.Value))),
                Expression.Constant(0)),
            key.Parameters);

    private static Expression<Func<T, bool>> In<T>(Expression<Func<T, string>> key, List<string> ids) =>
        Expression.Lambda<Func<T, bool>>(
            Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)],
                Expression.Constant(new ListBox(ids)).Property(nameof(ListBox.Value)), key.Body),
            key.Parameters);

    // Closures, so EF Core sends the values as parameters rather than inlining them into the SQL.
    private sealed record Box(string Value);

    private sealed record ListBox(List<string> Value);
}

file static class ExpressionExtensions
{
    public static MemberExpression Property(this Expression expression, string name) => Expression.Property(expression, name);
}
