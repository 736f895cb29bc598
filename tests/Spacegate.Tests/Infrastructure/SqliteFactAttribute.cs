using Xunit;

namespace Spacegate.Tests.Infrastructure;

/// <summary>
/// A test of SQLite-only behaviour (its FTS5 search index, query plans, pragmas): reported as skipped, never as passed, in
/// the PostgreSQL pass.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.UsePostgreSql)
        {
            Skip = "tests SQLite behaviour; this run is on PostgreSQL";
        }
    }
}
