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
/// index, and the search's own SQL (ILIKE with an escape clause) can use it.
/// </summary>
public sealed class PostgreSqlSearchIndexTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [PostgreSqlFact]
    public async Task SearchColumns_OnPostgreSql_HaveTrigramIndexesTheSearchCanUse()
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();

        var indexes = await db.Database.SqlQuery<string>(
            $"SELECT indexdef AS \"Value\" FROM pg_indexes WHERE tablename = 'Models' AND indexname LIKE '%trgm'").ToListAsync();
        foreach (var column in new[] { "Name", "Description", "Address_StreetAddressLines", "Address_Locality", "Address_AdministrativeArea", "Address_PostalCode" })
        {
            Assert.Contains(indexes, d => d.Contains($"gin (\"{column}\" gin_trgm_ops)", StringComparison.Ordinal));
        }

        var parsed = ModelSearchParser.Parse("name:kitchen");
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off");
        // The search's own statement and parameters, explained.
        await using var command = db.Models.Where(ModelSearchTranslator.ToPredicate(parsed.Query!, BareWordFields.All, SearchDialect.PostgreSql))
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
        var plan = string.Join('\n', lines);
        Assert.Contains("IX_Models_Name_trgm", plan);
    }
}
