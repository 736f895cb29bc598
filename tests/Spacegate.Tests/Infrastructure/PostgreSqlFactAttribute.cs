using Xunit;

namespace Spacegate.Tests.Infrastructure;

/// <summary>
/// A test that needs PostgreSQL (several processes on one database, PostgreSQL-only behaviour): reported as skipped,
/// never as passed, when the run is on SQLite. <c>bash .ci/run</c> runs them in its PostgreSQL pass.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (!TestDatabase.UsePostgreSql)
        {
            Skip = $"needs PostgreSQL: set {TestDatabase.ProviderVariable}=PostgreSQL and {TestDatabase.ConnectionVariable}, or run bash .ci/run";
        }
    }
}
