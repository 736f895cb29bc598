using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;
using Spacegate.Server.Models;
using Spacegate.Server.Models.Search;
using Xunit;

namespace Spacegate.Tests.Search;

/// <summary>
/// A migrated SQLite file holding <see cref="SearchTestModels"/>, configured like the server
/// (<c>StorageExtensions</c>), shared read-only by the tests of one class.
/// </summary>
public sealed class SearchDatabase : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "spacegate-tests", "search-" + Guid.NewGuid().ToString("N"));
    private DbContextOptions<SpacegateDbContext> _options = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var builder = new DbContextOptionsBuilder<SpacegateDbContext>();
        builder.UseSqlite($"Data Source={Path.Combine(_folder, "search.db")}");
        builder.UseOpenIddict<OAuthApplication, OAuthGrant, OAuthScope, OAuthToken, string>();
        _options = builder.Options;

        await using var db = CreateContext();
        await db.Database.MigrateAsync();
        db.Accounts.Add(new Account { Id = SearchTestModels.AccountId, Name = "Search" });
        db.Accounts.Add(new Account { Id = SearchTestModels.OtherAccountId, Name = "Other" });
        db.Models.AddRange(SearchTestModels.Create(SearchTestModels.AccountId));
        db.Models.Add(SearchTestModels.Outsider());
        await db.SaveChangesAsync();
    }

    public SpacegateDbContext CreateContext() => new(_options);

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

    public async Task<string[]> SearchAsync(SearchNode node)
    {
        await using var db = CreateContext();
        var ids = await Query(db, ModelSearchTranslator.ToPredicate(node, BareWordFields.All)).Select(m => m.Id).ToListAsync();
        return [.. ids.Order(StringComparer.Ordinal)];
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }
}
