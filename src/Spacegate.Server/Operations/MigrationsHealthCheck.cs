using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Spacegate.Server.Data;

namespace Spacegate.Server.Operations;

/// <summary>Ready only when the database knows every migration this build ships (a node never serves an older schema).</summary>
public sealed class MigrationsHealthCheck(SpacegateDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        return pending == 0
            ? HealthCheckResult.Healthy("Every migration is applied.")
            : HealthCheckResult.Unhealthy($"{pending} migration(s) pending; run `spacegate migrate`.");
    }
}
