using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;
using Spacegate.Server.Models;
using Spacegate.Server.Models.Search;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Search;

/// <summary>
/// A migrated database (SQLite, or PostgreSQL in the PostgreSQL pass: see <see cref="TestDatabase"/>) holding
/// <see cref="SearchTestModels"/>, configured like the server (<c>StorageExtensions</c>), shared read-only by the
/// tests of one class.
/// </summary>
public sealed class SearchDatabase : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private Func<SpacegateDbContext> _create = null!;

    /// <summary>How this database folds case; the oracle and the translator follow it.</summary>
    public static SearchDialect Dialect => TestDatabase.UsePostgreSql ? SearchDialect.PostgreSql : SearchDialect.Sqlite;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        if (_database.ConnectionString is { } connectionString)
        {
            var builder = new DbContextOptionsBuilder<PostgreSqlDbContext>().UseNpgsql(connectionString);
            builder.UseOpenIddict<OAuthApplication, OAuthGrant, OAuthScope, OAuthToken, string>();
            var options = builder.Options;
            _create = () => new PostgreSqlDbContext(options);
        }
        else
        {
            var builder = new DbContextOptionsBuilder<SpacegateDbContext>().UseSqlite($"Data Source={_database.SqlitePath}");
            builder.UseOpenIddict<OAuthApplication, OAuthGrant, OAuthScope, OAuthToken, string>();
            var options = builder.Options;
            _create = () => new SpacegateDbContext(options);
        }

        await using var db = CreateContext();
        await db.Database.MigrateAsync();
        db.Accounts.Add(new Account { Id = SearchTestModels.AccountId, Name = "Search" });
        db.Accounts.Add(new Account { Id = SearchTestModels.OtherAccountId, Name = "Other" });
        db.Models.AddRange(SearchTestModels.Create(SearchTestModels.AccountId));
        db.Models.Add(SearchTestModels.Outsider());
        await db.SaveChangesAsync();
    }

    public SpacegateDbContext CreateContext() => _create();

    /// <summary>The account's models matching <paramref name="predicate"/>, as the Model API will query them.</summary>
    public IQueryable<Model> Query(SpacegateDbContext db, System.Linq.Expressions.Expression<Func<Model, bool>> predicate) =>
        db.Models.AsNoTracking().Where(m => m.AccountId == SearchTestModels.AccountId).Where(predicate);

    /// <summary>Parses <paramref name="query"/> (which must be valid) and returns the sorted ids it finds.</summary>
    public Task<string[]> SearchAsync(string query)
    {
        var parsed = ModelSearchParser.Parse(query);
        Assert.True(parsed.Success, $"'{query}' failed: {parsed.Error?.Message}");
        return SearchAsync(parsed.Query!);
    }

    /// <summary>The sorted ids <paramref name="node"/> finds, through the text index as the Model API runs it (SQLite).</summary>
    public Task<string[]> SearchAsync(SearchNode node) => SearchAsync(node, useTextIndex: true);

    /// <param name="useTextIndex">False reads every model of the account with <c>LIKE</c> only, as before the index.</param>
    public async Task<string[]> SearchAsync(SearchNode node, bool useTextIndex)
    {
        await using var db = CreateContext();
        var ids = await Query(db, Predicate(db, node, useTextIndex)).Select(m => m.Id).ToListAsync();
        return [.. ids.Order(StringComparer.Ordinal)];
    }

    /// <summary>The search's predicate; on SQLite with <paramref name="useTextIndex"/>, narrowed by the FTS5 table.</summary>
    public static System.Linq.Expressions.Expression<Func<Model, bool>> Predicate(SpacegateDbContext db, SearchNode node, bool useTextIndex = true) =>
        ModelSearchTranslator.ToPredicate(node, BareWordFields.All, Dialect,
            useTextIndex && Dialect == SearchDialect.Sqlite ? new SqliteModelTextIndex(db) : null);

    public async Task DisposeAsync() => await _database.DisposeAsync();
}
