using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;
using Spacegate.Server.Models;
using Spacegate.Server.Models.Search;
using Spacegate.Tests.Infrastructure;
using Spacegate.Tests.Search;
using Xunit;

namespace Spacegate.Tests.Storage;

/// <summary>
/// SQLite only: the FTS5 trigram table ModelsFts (migration SearchFullTextIndex). Substring terms read it and find
/// exactly what the LIKE scan finds; terms shorter than three characters scan; every kind of write to Models keeps it
/// in step. Each test has its own database (<see cref="SearchDatabase"/>), since several of them write.
/// </summary>
public sealed class SqliteSearchIndexTests : IAsyncLifetime
{
    private readonly SearchDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [SqliteFact]
    public async Task TextTerms_ThroughTheIndex_FindWhatTheScanFinds()
    {
        string[] written =
        [
            "kitchen", "KITCHEN", "kitch*", "itche", "\"open plan\"", "open plan", "\"OAK KITCHEN\"", "café", "CAFé", "CAFÉ",
            "name:studio", "name:\"studio apartment\"", "description:studio", "address.locality:FIELD", "sw1a", "\"SW1A 1AA\"",
            "name:50%", "name:50\\%", "\"back\\\\slash\"", "studio_a", "address.postalCode:750*", "address.postalCode:\"SW1A 1AA\"",
            "-kitchen", "kitchen OR garden", "NOT (kitchen OR roof) studio", "ab", "ki", "é", "name:o", "\"a\"", "\"x\\\"yz\"", "ab\\\"cd",
        ];
        var random = new Random(20261129);
        var generated = Enumerable.Range(0, 300).Select(_ => new SearchQueryGenerator(random).Next());
        foreach (var query in written.Concat(generated))
        {
            var parsed = ModelSearchParser.Parse(query);
            Assert.True(parsed.Success, $"'{query}': {parsed.Error?.Message}");
            var scanned = await _database.SearchAsync(parsed.Query!, useTextIndex: false);
            var indexed = await _database.SearchAsync(parsed.Query!, useTextIndex: true);
            Assert.True(scanned.AsEnumerable().SequenceEqual(indexed), $"'{query}': {string.Join(' ', indexed)} instead of {string.Join(' ', scanned)}");
            Assert.Equal(SearchOracle.Filter(SearchTestModels.Create(SearchTestModels.AccountId), parsed.Query!), scanned);
        }
    }

    [SqliteFact]
    public async Task SearchSql_TextOfThreeCharactersOrMore_ReadsModelsFts_ShorterTextScans()
    {
        await using var db = _database.CreateContext();
        string Sql(string query) => _database.Query(db, SearchDatabase.Predicate(db, ModelSearchParser.Parse(query).Query!)).ToQueryString();

        foreach (var indexed in new[] { "kitchen", "oak", "\"open plan\"", "name:studio", "address.locality:spring", "address.postalCode:750*", "-kitchen" })
        {
            Assert.Contains("\"ModelsFts\" MATCH", Sql(indexed));
        }
        foreach (var scanned in new[] { "ab", "é", "name:ki", "\"a\"", "address.postalCode:75*", "state:active", "created:2024-01-01", "*" })
        {
            Assert.DoesNotContain("ModelsFts", Sql(scanned));
        }
        // Short terms still find their models, by the scan.
        var shortTerms = ModelSearchParser.Parse("oa OR ff OR \"é\" OR name:ud").Query!;
        var found = await _database.SearchAsync(shortTerms);
        Assert.Equal(SearchOracle.Filter(SearchTestModels.Create(SearchTestModels.AccountId), shortTerms), found);
        Assert.Contains("k09", found);
    }

    [Fact]
    public void MatchQuery_QuotesTheTextAsOnePhrase_AndDoublesQuotes()
    {
        Assert.Equal("{Name Description} : \"open plan\"", SqliteModelTextIndex.MatchQuery(["Name", "Description"], "open plan"));
        Assert.Equal("{Name} : \"a \"\" OR b NOT c*\"", SqliteModelTextIndex.MatchQuery(["Name"], "a \" OR b NOT c*"));
    }

    [SqliteFact]
    public async Task SearchPlan_WithTheMigrationsStatistics_ReadsTheIndexMatchesByRowid()
    {
        await using var db = _database.CreateContext();
        string text = await PlanAsync(db, _database.Query(db, SearchDatabase.Predicate(db, ModelSearchParser.Parse("\"roof terrace\"").Query!))
            .Select(m => m.Id));
        // The matches drive the query: each is read by rowid, rather than every model of the account being probed.
        Assert.Contains("SEARCH m USING INTEGER PRIMARY KEY (rowid=?)", text);
        Assert.Contains("ModelsFts VIRTUAL TABLE INDEX", text);
        Assert.DoesNotContain("IX_Models_AccountId", text);
    }

    [SqliteFact]
    public async Task PageReadInOrder_SamePagesAsByRowid_AndThePlanWalksTheSortIndex()
    {
        await using var db = _database.CreateContext();
        foreach (var query in new[] { "kitchen", "\"open plan\"", "studio OR garden", "-kitchen", "name:oak address.locality:paris", "ab" })
        {
            var node = ModelSearchParser.Parse(query).Query!;
            for (int skip = 0; skip < 6; skip += 3)
            {
                IQueryable<Model> Page(bool readInOrder) => _database.Query(db,
                        ModelSearchTranslator.ToPredicate(node, BareWordFields.All, SearchDialect.Sqlite, new SqliteModelTextIndex(db, readInOrder)))
                    .OrderByDescending(m => m.Created).ThenBy(m => m.Id).Skip(skip).Take(3);
                Assert.Equal(await Page(false).Select(m => m.Id).ToListAsync(), await Page(true).Select(m => m.Id).ToListAsync());
            }
        }

        var ordered = _database.Query(db, ModelSearchTranslator.ToPredicate(ModelSearchParser.Parse("kitchen").Query!, BareWordFields.All,
            SearchDialect.Sqlite, new SqliteModelTextIndex(db, readInOrder: true))).OrderByDescending(m => m.Created).ThenBy(m => m.Id).Take(10);
        string plan = await PlanAsync(db, ordered.Select(m => m.Id));
        Assert.Contains("USING INDEX IX_Models_AccountId_Created", plan);
        Assert.Contains("ModelsFts VIRTUAL TABLE INDEX", plan);
        Assert.DoesNotContain("rowid=?", plan);
    }

    [Fact]
    public void ReadInOrderIsCheaper_ForDenseMatchesOnly()
    {
        Assert.True(SqliteModelTextIndex.ReadInOrderIsCheaper(matches: 12_000, visible: 100_000, needed: 10));
        Assert.False(SqliteModelTextIndex.ReadInOrderIsCheaper(matches: 50, visible: 100_000, needed: 10));
        Assert.False(SqliteModelTextIndex.ReadInOrderIsCheaper(matches: 12_000, visible: 100_000, needed: 5_000));
        Assert.False(SqliteModelTextIndex.ReadInOrderIsCheaper(matches: 0, visible: 100_000, needed: 10));
    }

    [SqliteFact]
    public async Task ModelWrites_InsertUpdateDelete_KeepTheIndexInStep()
    {
        await using (var db = _database.CreateContext())
        {
            db.Models.Add(NewModel("k90", "Zanzibar Lodge", "Thatched roof"));
            await db.SaveChangesAsync();
        }
        await AssertInStepAsync();
        Assert.Equal(["k90"], await _database.SearchAsync("zanzibar"));
        Assert.Equal(["k90"], await _database.SearchAsync("description:thatched"));

        await using (var db = _database.CreateContext())
        {
            var model = await db.Models.SingleAsync(m => m.Id == "k90");
            model.Name = "Quokka Lodge";
            model.Description = "Shingle roof";
            model.Address.Locality = "Rottnest";
            model.Address.PostalCode = "6161";
            await db.SaveChangesAsync();
        }
        await AssertInStepAsync();
        Assert.Empty(await _database.SearchAsync("zanzibar"));
        Assert.Empty(await _database.SearchAsync("thatched"));
        Assert.Equal(["k90"], await _database.SearchAsync("quokka"));
        Assert.Equal(["k90"], await _database.SearchAsync("description:\"shingle roof\""));
        Assert.Equal(["k90"], await _database.SearchAsync("address.locality:rottnest"));
        Assert.Equal(["k90"], await _database.SearchAsync("address.postalCode:616*"));

        await using (var db = _database.CreateContext())
        {
            Assert.Equal(1, await db.Models.Where(m => m.Id == "k90").ExecuteUpdateAsync(s => s.SetProperty(m => m.Name, "Wombat Hut")));
        }
        await AssertInStepAsync();
        Assert.Empty(await _database.SearchAsync("quokka"));
        Assert.Equal(["k90"], await _database.SearchAsync("wombat"));

        await using (var db = _database.CreateContext())
        {
            Assert.Equal(1, await db.Models.Where(m => m.Id == "k90").ExecuteDeleteAsync());
        }
        await AssertInStepAsync();
        Assert.Empty(await _database.SearchAsync("wombat"));
    }

    [SqliteFact]
    public async Task BulkInsertAndAccountDelete_KeepTheIndexInStep()
    {
        await using (var db = _database.CreateContext())
        {
            db.Accounts.Add(new Account { Id = "acct-bulk", Name = "Bulk" });
            await db.SaveChangesAsync();
            var models = Enumerable.Range(0, 50).Select(i => NewModel($"b{i:00}", $"Bulk Narwhal {i:00}", "Imported", "acct-bulk")).ToList();
            await new ModelBulkInserter(db).InsertAsync(models, CancellationToken.None);
        }
        await AssertInStepAsync();
        await using (var db = _database.CreateContext())
        {
            var predicate = SearchDatabase.Predicate(db, ModelSearchParser.Parse("narwhal").Query!);
            Assert.Equal(50, await db.Models.Where(m => m.AccountId == "acct-bulk").Where(predicate).CountAsync());
            Assert.Equal(1, await db.Models.Where(m => m.AccountId == "acct-bulk").Where(SearchDatabase.Predicate(db, ModelSearchParser.Parse("\"narwhal 07\"").Query!)).CountAsync());

            // Deleting the account deletes its models by cascade; the delete trigger runs for each of them.
            Assert.Equal(1, await db.Accounts.Where(a => a.Id == "acct-bulk").ExecuteDeleteAsync());
            Assert.Equal(0, await db.Models.Where(m => m.AccountId == "acct-bulk").CountAsync());
            Assert.Equal(0, await db.Database.SqlQuery<int>($"SELECT count(*) AS \"Value\" FROM \"ModelsFts\" WHERE \"ModelsFts\" MATCH 'narwhal'").SingleAsync());
        }
        await AssertInStepAsync();
    }

    [SqliteFact]
    public async Task IntegrityCheck_WhenATriggerIsMissing_ReportsTheIndexOutOfStep()
    {
        // The check the other tests rely on can fail: without the update trigger, a renamed model leaves stale trigrams.
        await using (var db = _database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"Models_ModelsFts_Update\"");
            Assert.Equal(1, await db.Models.Where(m => m.Id == "k01").ExecuteUpdateAsync(s => s.SetProperty(m => m.Name, "Renamed")));
        }
        var error = await Assert.ThrowsAsync<SqliteException>(AssertInStepAsync);
        Assert.Equal(267, error.SqliteExtendedErrorCode); // SQLITE_CORRUPT_VTAB
    }

    private static async Task<string> PlanAsync(SpacegateDbContext db, IQueryable<string> query)
    {
        await using var command = query.CreateDbCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        await db.Database.OpenConnectionAsync();
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }
        return string.Join('\n', plan);
    }

    /// <summary>FTS5's integrity check with rank 1 compares the index with the content of Models, row by row.</summary>
    private async Task AssertInStepAsync()
    {
        await using var db = _database.CreateContext();
        await db.Database.ExecuteSqlRawAsync("INSERT INTO \"ModelsFts\"(\"ModelsFts\", rank) VALUES('integrity-check', 1)");
    }

    private static Model NewModel(string id, string name, string description, string accountId = SearchTestModels.AccountId) => new()
    {
        Id = id,
        AccountId = accountId,
        Name = name,
        Description = description,
        Created = DateTimeOffset.UnixEpoch,
        Modified = DateTimeOffset.UnixEpoch,
        Address = new ModelAddress { StreetAddressLines = "1 Test Street", Locality = "Perth", PostalCode = "6000", CountryCode = "AU" },
    };
}
