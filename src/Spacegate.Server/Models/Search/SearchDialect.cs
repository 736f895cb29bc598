namespace Spacegate.Server.Models.Search;

/// <summary>The database a search predicate is translated for.</summary>
public enum SearchDialect
{
    /// <summary><c>LIKE</c>, which folds ASCII letters only.</summary>
    Sqlite,

    /// <summary><c>ILIKE</c>, which folds every letter of the database's locale.</summary>
    PostgreSql,
}
