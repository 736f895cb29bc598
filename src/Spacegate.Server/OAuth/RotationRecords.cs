using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Spacegate.Server.Data;

namespace Spacegate.Server.OAuth;

/// <summary>
/// Keeps <see cref="RefreshTokenRotation"/> records no longer than they are needed. A successor is stored
/// only so that a repeat inside the reuse leeway gets the same refresh token; after the leeway it would be
/// a live refresh token sitting in the database (the Data Protection keys that encrypt it live there too),
/// so it is erased. The record itself stays while its token may still be presented, for reuse detection
/// (<see cref="TokenPruner"/> deletes it with its token).
/// </summary>
public sealed class RotationRecords(SpacegateDbContext db, TimeProvider clock, IOptions<SpacegateOptions> options)
{
    /// <summary>Erases every successor whose reuse leeway has passed; returns how many.</summary>
    public Task<int> EraseExpiredSuccessorsAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.RefreshTokenReuseLeeway;
        return db.RefreshTokenRotations.Where(r => r.ProtectedSuccessor != null && r.RotatedAt < cutoff)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ProtectedSuccessor, (string?)null), cancellationToken);
    }
}
