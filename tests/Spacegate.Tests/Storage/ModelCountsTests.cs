using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;
using Spacegate.Server.Models;
using Spacegate.Tests.Search;
using Xunit;

namespace Spacegate.Tests.Storage;

/// <summary>
/// Both providers: the triggers on Models keep ModelCounts (models per account, state and visibility) equal to a
/// GROUP BY over Models through every kind of write. Each test has its own database, since they write.
/// </summary>
public sealed class ModelCountsTests : IAsyncLifetime
{
    private readonly SearchDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task ModelCounts_AfterMigration_CountTheModelsAlreadyThere()
    {
        var counts = await CountsAsync();
        Assert.Equal(await GroupedAsync(), counts);
        Assert.Equal(SearchTestModels.AllIds.Length, counts.Where(c => c.StartsWith(SearchTestModels.AccountId + "/", StringComparison.Ordinal))
            .Sum(c => int.Parse(c[(c.LastIndexOf('=') + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task ModelCounts_ThroughInsertsUpdatesAndDeletes_StayExact()
    {
        await using (var db = _database.CreateContext())
        {
            db.Models.Add(NewModel("c01", SearchTestModels.AccountId));
            db.Models.Add(NewModel("c02", SearchTestModels.OtherAccountId));
            await db.SaveChangesAsync();
        }
        Assert.Equal(await GroupedAsync(), await CountsAsync());

        await using (var db = _database.CreateContext())
        {
            var model = await db.Models.SingleAsync(m => m.Id == "c01");
            model.State = ModelState.Inactive;
            model.AccessVisibility = ModelAccessVisibility.Password;
            await db.SaveChangesAsync();
            model.Name = "Renamed only";
            await db.SaveChangesAsync();
            await db.Models.Where(m => m.AccountId == SearchTestModels.AccountId && m.State == ModelState.Active)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.AccessVisibility, ModelAccessVisibility.Unlisted));
            await db.Models.Where(m => m.Id == "c02").ExecuteUpdateAsync(s => s.SetProperty(m => m.AccountId, SearchTestModels.AccountId));
        }
        Assert.Equal(await GroupedAsync(), await CountsAsync());

        await using (var db = _database.CreateContext())
        {
            db.Accounts.Add(new Account { Id = "acct-bulk", Name = "Bulk" });
            await db.SaveChangesAsync();
            await new ModelBulkInserter(db).InsertAsync([.. Enumerable.Range(0, 30).Select(i => NewModel($"b{i:00}", "acct-bulk"))], CancellationToken.None);
            Assert.Equal(await GroupedAsync(), await CountsAsync());
            await db.Models.Where(m => m.Id == "k01" || m.Id == "c01").ExecuteDeleteAsync();
            await db.Accounts.Where(a => a.Id == "acct-bulk").ExecuteDeleteAsync(); // its models go by cascade
        }
        var counts = await CountsAsync();
        Assert.Equal(await GroupedAsync(), counts);
        Assert.DoesNotContain(counts, c => c.StartsWith("acct-bulk/", StringComparison.Ordinal));
    }

    /// <summary>Non-zero rows of ModelCounts as "account/state/visibility=count", sorted.</summary>
    private async Task<List<string>> CountsAsync()
    {
        await using var db = _database.CreateContext();
        var rows = await db.Database.SqlQuery<Row>(
            $"SELECT \"AccountId\", \"State\", \"AccessVisibility\", \"Count\" FROM \"ModelCounts\" WHERE \"Count\" <> 0").ToListAsync();
        return [.. rows.Select(r => $"{r.AccountId}/{r.State}/{r.AccessVisibility}={r.Count}").Order(StringComparer.Ordinal)];
    }

    private async Task<List<string>> GroupedAsync()
    {
        await using var db = _database.CreateContext();
        var rows = await db.Models.GroupBy(m => new { m.AccountId, m.State, m.AccessVisibility })
            .Select(g => new { g.Key.AccountId, State = (int)g.Key.State, AccessVisibility = (int)g.Key.AccessVisibility, Count = g.LongCount() })
            .ToListAsync();
        return [.. rows.Select(r => $"{r.AccountId}/{r.State}/{r.AccessVisibility}={r.Count}").Order(StringComparer.Ordinal)];
    }

    private static Model NewModel(string id, string accountId) => new()
    {
        Id = id,
        AccountId = accountId,
        Name = "Counted",
        Created = DateTimeOffset.UnixEpoch,
        Modified = DateTimeOffset.UnixEpoch,
        State = ModelState.Active,
        AccessVisibility = ModelAccessVisibility.Public,
    };

    private sealed record Row(string AccountId, int State, int AccessVisibility, long Count);
}
