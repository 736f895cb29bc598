using System.Text;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Models.Search;
using Xunit;

namespace Spacegate.Tests.Search;

/// <summary>
/// Randomised checks with a fresh seed per run; every failure names the seed and the query, and setting the
/// environment variable SPACEGATE_SEARCH_SEED replays that run.
/// </summary>
public sealed class ModelSearchPropertyTests(SearchDatabase database) : IClassFixture<SearchDatabase>
{
    private const int Iterations = 400;

    private static readonly string[] Fragments =
    [
        "a", "Z", "é", "😀", " ", "  ", "\t", "\n", "(", ")", "[", "]", "{", "}", "\"", ":", "*", "\\", "-", "?", "%", "_",
        "AND", "OR", "NOT", "TO", "and", "name", "state", "created", "internalId", "address.postalCode", "colour",
        "2024-01-01", "2024-01-01T10:00:00Z", "+02:00", "9999-12-31", "0001-01-01", "active", "public", "\0", "\uD83D",
    ];

    private static readonly int BaseSeed = Environment.GetEnvironmentVariable("SPACEGATE_SEARCH_SEED") is { } fixedSeed
        ? int.Parse(fixedSeed, System.Globalization.CultureInfo.InvariantCulture)
        : Random.Shared.Next();

    [Fact]
    public async Task GeneratedQueries_ParseAndRunInTheDatabase_AsTheOracleSays()
    {
        for (int i = 0; i < Iterations; i++)
        {
            int seed = BaseSeed + i;
            string query = new SearchQueryGenerator(new Random(seed)).Next();
            await Check(seed, query, async () =>
            {
                var result = ModelSearchParser.Parse(query);
                Assert.True(result.Success, $"rejected: {result.Error?.Message}");
                await AssertDatabaseAgreesWithOracle(result.Query!);
            });
        }
    }

    [Fact]
    public async Task MutatedQueries_NeverThrow_AndRunWhenAccepted()
    {
        int accepted = 0;
        for (int i = 0; i < Iterations; i++)
        {
            int seed = BaseSeed + i;
            var random = new Random(seed);
            string query = Mutate(new SearchQueryGenerator(random).Next(), random);
            await Check(seed, query, async () =>
            {
                var result = AssertWellFormedResult(query);
                if (result.Success)
                {
                    accepted++;
                    await AssertDatabaseAgreesWithOracle(result.Query!);
                }
            });
        }
        // Mutations must not all be rejected, or this would test the error path only.
        Assert.InRange(accepted, Iterations / 20, Iterations - 1);
    }

    [Fact]
    public async Task RandomStrings_NeverThrow()
    {
        for (int i = 0; i < Iterations; i++)
        {
            int seed = BaseSeed + i;
            var random = new Random(seed);
            string query = RandomString(random);
            await Check(seed, query, async () =>
            {
                var result = AssertWellFormedResult(query);
                if (result.Success)
                {
                    await using var db = database.CreateContext();
                    await database.Query(db, ModelSearchTranslator.ToPredicate(result.Query!, BareWordFields.All, SearchDatabase.Dialect)).Select(m => m.Id).ToListAsync();
                }
            });
        }
    }

    private async Task AssertDatabaseAgreesWithOracle(SearchNode query)
    {
        var expected = SearchOracle.Filter(SearchTestModels.Create(SearchTestModels.AccountId), query);
        Assert.Equal(expected, await database.SearchAsync(query));
    }

    private static ModelSearchParseResult AssertWellFormedResult(string query)
    {
        var result = ModelSearchParser.Parse(query);
        Assert.True(result.Success ^ result.Error is not null);
        if (result.Error is { } error)
        {
            Assert.InRange(error.Position, 0, query.Length);
            Assert.Contains($"at position {error.Position}.", error.Message);
        }
        return result;
    }

    private static async Task Check(int seed, string query, Func<Task> check)
    {
        try
        {
            await check();
        }
        catch (Exception e)
        {
            Assert.Fail($"Iteration seed {seed} (replay the run with SPACEGATE_SEARCH_SEED={BaseSeed}), query <<{Printable(query)}>>: {e}");
        }
    }

    /// <summary>The query with control characters and lone surrogates as \uXXXX, so failure logs stay text.</summary>
    private static string Printable(string query)
    {
        var text = new StringBuilder();
        for (int i = 0; i < query.Length; i++)
        {
            char c = query[i];
            bool pair = char.IsHighSurrogate(c) && i + 1 < query.Length && char.IsLowSurrogate(query[i + 1]);
            if (pair)
            {
                text.Append(c).Append(query[++i]);
            }
            else if ((char.IsControl(c) && c is not ('\t' or '\n')) || char.IsSurrogate(c))
            {
                text.Append($"\\u{(int)c:X4}");
            }
            else
            {
                text.Append(c);
            }
        }
        return text.ToString();
    }

    private static string Mutate(string query, Random random)
    {
        var text = new StringBuilder(query);
        int mutations = random.Next(1, 4);
        for (int m = 0; m < mutations; m++)
        {
            int at = random.Next(text.Length + 1);
            switch (random.Next(5))
            {
                case 0 when at < text.Length:
                    text.Remove(at, 1);
                    break;
                case 1:
                    text.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 2 when at + 1 < text.Length:
                    (text[at], text[at + 1]) = (text[at + 1], text[at]);
                    break;
                case 3:
                    text.Length = at;
                    break;
                default:
                    int start = random.Next(text.Length + 1);
                    text.Insert(at, text.ToString(start, random.Next(text.Length - start + 1)));
                    break;
            }
        }
        return text.ToString();
    }

    private static string RandomString(Random random)
    {
        if (random.Next(20) == 0)
        {
            return new string('a', random.Next(990, 1100));
        }
        var text = new StringBuilder();
        int parts = random.Next(0, 40);
        for (int p = 0; p < parts; p++)
        {
            text.Append(random.Next(4) == 0 ? (char)random.Next(1, 0x3000) : Fragments[random.Next(Fragments.Length)]);
        }
        return text.ToString();
    }
}
