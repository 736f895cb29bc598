using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Spacegate.Server.Data;

/// <summary>Recognises database errors the code handles, on both providers.</summary>
public static class DbErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    /// <summary>
    /// True when the save failed because a row with the same key or unique index value exists (another request or
    /// node wrote it first): SQLite's SQLITE_CONSTRAINT_PRIMARYKEY/UNIQUE or PostgreSQL's unique_violation (23505).
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
            && sqlite.SqliteExtendedErrorCode is SqliteConstraintPrimaryKey or SqliteConstraintUnique,
        _ => false,
    };
}
