using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Data;
using Spacegate.Server.Models.Search;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Storage;

/// <summary>
/// PostgreSQL pass only: the migration SearchTrigramIndexes gives each column the search matches with ILIKE a trigram
/// index, and the search's own SQL (ILIKE with an escape clause) can use it for every text construct.
/// </summary>
public sealed class PostgreSqlSearchIndexTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string[] TextColumns =
        ["Name", "Description", "Address_StreetAddressLines", "Address_Locality", "Address_AdministrativeArea", "Address_PostalCode"];

    [PostgreSqlFact]
    public async Task SearchColumns_OnPostgreSql_HaveTrigramIndexes()
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();

        var indexes = await db.Database.SqlQuery<string>(
            $"SELECT indexdef AS \"Value\" FROM pg_indexes WHERE tablename = 'Models' AND indexname LIKE '%trgm'").ToListAsync();
        foreach (var column in TextColumns)
        {
            Assert.Contains(indexes, d => d.Contains($"gin (\"{column}\" gin_trgm_ops)", StringComparison.Ordinal));
        }
    }

    [PostgreSqlFact]
    public async Task EveryTextConstruct_OnPostgreSql_CanUseItsTrigramIndexes()
    {
        var everyColumn = TextColumns;
        var publicColumns = new[] { "Name", "Description" };
        var cases = new (string Query, BareWordFields BareWords, string[] Indexed)[]
        {
            ("name:kitchen", BareWordFields.All, ["Name"]),
            ("description:\"open plan\"", BareWordFields.All, ["Description"]),
            ("address.locality:spring*", BareWordFields.All, ["Address_Locality"]),
            ("address.postalCode:750*", BareWordFields.All, ["Address_PostalCode"]),
            ("address.postalCode:\"SW1A 1AA\"", BareWordFields.All, ["Address_PostalCode"]),
            ("kitchen", BareWordFields.All, everyColumn),
            ("kitch*", BareWordFields.All, everyColumn),
            ("\"roof terrace\"", BareWordFields.All, everyColumn),
            ("\"roof terrace\"", BareWordFields.Public, publicColumns),
            ("kitchen AND name:oak", BareWordFields.All, ["Name"]), // one index is enough for AND: the other term is a filter
            ("kitchen OR description:garden", BareWordFields.Public, publicColumns),
        };
        foreach (var (query, bareWords, indexed) in cases)
        {
            var plan = await ExplainAsync(query, bareWords);
            foreach (var column in indexed)
            {
                Assert.True(plan.Contains($"IX_Models_{column}_trgm", StringComparison.Ordinal), $"{query}: no index on {column} in\n{plan}");
            }
            foreach (var column in query.Contains(" AND ", StringComparison.Ordinal) ? [] : TextColumns.Except(indexed))
            {
                Assert.False(plan.Contains($"IX_Models_{column}_trgm", StringComparison.Ordinal), $"{query}: reads {column} in\n{plan}");
            }
            Assert.DoesNotContain("Seq Scan", plan);
        }
    }

    /// <summary>The plan of the search's own statement and parameters, with sequential scans priced out.</summary>
    private async Task<string> ExplainAsync(string query, BareWordFields bareWords)
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        var parsed = ModelSearchParser.Parse(query);
        Assert.True(parsed.Success, parsed.Error?.Message);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off");
        await using var command = db.Models.Where(ModelSearchTranslator.ToPredicate(parsed.Query!, bareWords, SearchDialect.PostgreSql))
            .Select(m => m.Id).CreateDbCommand();
        command.CommandText = "EXPLAIN " + command.CommandText;
        command.Transaction = transaction.GetDbTransaction();
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }
        return string.Join('\n', lines);
    }
}
