using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Models.Search;
using Xunit;

namespace Spacegate.Tests.Search;

/// <summary>Each construct run by SQLite on <see cref="SearchTestModels"/>, checked against hand-computed ids.</summary>
public sealed class ModelSearchDatabaseTests(SearchDatabase database) : IClassFixture<SearchDatabase>
{
    [Theory]
    [InlineData("*")]
    [InlineData("")]
    [InlineData("*:*")]
    [InlineData("created:*")]
    [InlineData("name:*")]
    public async Task Search_MatchAll_ReturnsEveryModelOfTheAccount(string query)
    {
        Assert.Equal(SearchTestModels.AllIds, await database.SearchAsync(query));
    }

    [Theory]
    [InlineData("kitchen", "k01 k03 k07")]
    [InlineData("KITCHEN", "k01 k03 k07")]
    [InlineData("kitch*", "k01 k03 k07")]
    [InlineData("london", "k02")]
    [InlineData("flat", "k02")]
    [InlineData("provence", "k03")]
    [InlineData("sw1a", "k02")]
    [InlineData("\"open plan\"", "k02")]
    [InlineData("open plan", "k02 k11")]
    [InlineData("café", "k09")]
    [InlineData("nowhere", "")]
    public async Task Search_BareWord_MatchesNameDescriptionOrAddress(string query, string expected)
    {
        Assert.Equal(Ids(expected), await database.SearchAsync(query));
    }

    [Theory]
    [InlineData("CAFé", "k09")]
    [InlineData("CAFÉ", "")]
    public async Task Search_CaseFoldingOnSqlite_CoversAsciiLettersOnly(string query, string expected)
    {
        // SQLite's LIKE folds A-Z only; docs/SEARCH.md states this limitation.
        if (SearchDatabase.Dialect != SearchDialect.Sqlite)
        {
            return;
        }
        Assert.Equal(Ids(expected), await database.SearchAsync(query));
    }

    [Theory]
    [InlineData("CAFé", "k09")]
    [InlineData("CAFÉ", "k09")]
    [InlineData("name:CAFÉ", "k09")]
    [InlineData("cafe", "")]
    public async Task Search_CaseFoldingOnPostgreSql_CoversNonAsciiLetters(string query, string expected)
    {
        // ILIKE folds every letter the database's locale knows (the test cluster uses C.UTF-8); accents still count.
        if (SearchDatabase.Dialect != SearchDialect.PostgreSql)
        {
            return;
        }
        Assert.Equal(Ids(expected), await database.SearchAsync(query));
    }

    [Theory]
    [InlineData("name:studio", "k05 k08")]
    [InlineData("description:studio", "k05")]
    [InlineData("name:\"studio apartment\"", "k08")]
    [InlineData("address.locality:springfield", "k06 k10")]
    [InlineData("address.locality:FIELD", "k06 k10")]
    [InlineData("address.locality:*", "k01 k02 k03 k05 k06 k07 k08 k09 k10 k11 k13 k14 k15")]
    [InlineData("-address.locality:*", "k04 k12")]
    public async Task Search_TextField_IsCaseInsensitiveSubstring(string query, string expected)
    {
        Assert.Equal(Ids(expected), await database.SearchAsync(query));
    }

    [Theory]
    [InlineData("name:50%", "k04")]
    [InlineData("name:%", "k04")]
    [InlineData("name:_", "k05")]
    [InlineData("name:o_f", "")]
    [InlineData(@"description:back\\slash", "k06")]
    [InlineData(@"description:\\", "k06")]
    [InlineData(@"description:""\\""", "k06")]
    public async Task Search_LikeWildcardsInText_AreLiteral(string query, string expected)
    {
        Assert.Equal(Ids(expected), await database.SearchAsync(query));
    }

    [Theory]
    [InlineData("-address.locality:springfield", "k06 k10")]
    [InlineData("-internalId:ABC-100", "k01")]
    [InlineData("-internalId:AB*", "k01 k05 k08")]
    [InlineData("-address.postalCode:750*", "k01 k13")]
    [InlineData("-address.countryCode:fr", "k01 k03 k09 k13")]
    [InlineData("NOT kitchen", "k01 k03 k07")]
    public async Task Search_NegatedTerm_IncludesModelsWithoutTheField(string query, string excluded)
    {
        var found = await database.SearchAsync(query);

        // k04 has no internal id and no address at all.
        Assert.Equal(SearchTestModels.AllIds.Except(Ids(excluded)), found);
        Assert.Contains("k04", found);
    }

    [Theory]
    [InlineData("internalId:ABC-100", "k01")]
    [InlineData("internalId:abc-100", "k02")]
    [InlineData("internalId:AB", "k05")]
    [InlineData("internalId:AB*", "k01 k05 k08")]
    [InlineData("internalId:ab*", "k02")]
    [InlineData("internalId:XYZ_9", "k03")]
    [InlineData("internalId:XYZ*", "k03")]
    [InlineData("internalId:ÉTÉ*", "k09")]
    [InlineData("internalId:été*", "")]
    [InlineData("internalId:*", "k01 k02 k03 k05 k06 k07 k08 k09 k11 k12 k13 k14 k15")]
    [InlineData("-internalId:*", "k04 k10")]
    public async Task Search_InternalId_IsCaseSensitiveExactOrPrefix(string query, string expected)
    {
        Assert.Equal(Ids(expected), await database.SearchAsync(query));
    }

    [Theory]
    [InlineData("address.countryCode:us", "k06 k10 k14")]
    [InlineData("address.countryCode:FR", "k01 k03 k09 k13")]
    [InlineData("address.countryCode:F", "")]
    [InlineData("address.countryCode:f*", "k01 k03 k09 k13")]
    [InlineData("address.postalCode:75001", "k01")]
    [InlineData("address.postalCode:750", "")]
    [InlineData("address.postalCode:750*", "k01 k13")]
    [InlineData("address.postalCode:0*", "k03 k11")]
    [InlineData("address.postalCode:\"sw1a 1aa\"", "k02")]
    public async Task Search_CountryAndPostalCode_MatchWholeValueOrPrefix(string query, string expected)
    {
        Assert.Equal(Ids(expected), await database.SearchAsync(query));
    }

    [Theory]
    [InlineData("state:inactive", "k03 k06 k10 k15")]
    [InlineData("NOT state:inactive", "k01 k02 k04 k05 k07 k08 k09 k11 k12 k13 k14")]
    [InlineData("state:ACTIVE", "k01 k02 k04 k05 k07 k08 k09 k11 k12 k13 k14")]
    [InlineData("accessVisibility:public", "k02 k06 k09 k15")]
    [InlineData("accessVisibility:PASSWORD", "k04 k14")]
    [InlineData("accessVisibility:unlisted", "k03 k07 k12")]
    public async Task Search_EnumField_MatchesExactly(string query, string expected)
    {
        Assert.Equal(Ids(expected), await database.SearchAsync(query));
    }

    [Theory]
    [InlineData("created:2024-01-01", "k01 k02 k13")]
    [InlineData("created:[2024-01-01 TO 2024-01-02]", "k01 k02 k03 k13")]
    [InlineData("created:[2024-01-01 TO 2024-01-02}", "k01 k02 k13")]
    [InlineData("created:{2024-01-01 TO 2024-02-15]", "k03 k05")]
    [InlineData("created:[* TO 2024-01-01T00:00:00Z]", "k01 k04 k10")]
    [InlineData("created:[* TO 2024-01-01T00:00:00Z}", "k04 k10")]
    [InlineData("created:[2023-12-31T23:59:59Z TO 2024-01-01T00:00:00Z]", "k01 k04")]
    [InlineData("created:{2023-12-31T23:59:59Z TO 2024-01-01T00:00:00Z]", "k01")]
    [InlineData("created:2024-01-01T00:00:00Z", "k01")]
    [InlineData("created:2024-01-01T00:00:00.000Z", "k01")]
    [InlineData("created:2024-01-01T01:00:00+01:00", "k01")]
    [InlineData("created:2024-01-02T01:59:59+02:00", "k02")]
    [InlineData("created:2023-12-31T19:59:59-04:00", "k04")]
    [InlineData("created:[2024-12-31T23:59Z TO *]", "k08 k09")]
    [InlineData("modified:[2025-01-01 TO *]", "k06 k08 k09")]
    [InlineData("modified:{* TO 2024-01-02]", "k03 k10 k13")]
    public async Task Search_DateRange_ComparesUtcInstants(string query, string expected)
    {
        Assert.Equal(Ids(expected), await database.SearchAsync(query));
    }

    [Fact]
    public async Task ToPredicate_NonUtcBounds_ComparedAsUtcInstants()
    {
        // 02:00 at +02:00 is midnight UTC. DateTimeOffsetToBinaryConverter encodes clock ticks of the value's own
        // offset, so a bound left at +02:00 would sort two hours late and miss k01 at 00:00 UTC.
        var plusTwo = TimeSpan.FromHours(2);
        var node = new DateRangeNode(SearchField.Created,
            new DateTimeOffset(2024, 1, 1, 2, 0, 0, plusTwo), true, new DateTimeOffset(2024, 1, 2, 2, 0, 0, plusTwo), false);

        Assert.Equal(Ids("k01 k02 k13"), await database.SearchAsync(node));
    }

    [Theory]
    [InlineData("state:inactive OR accessVisibility:public address.countryCode:FR", "k03 k06 k09 k10 k15")]
    [InlineData("(state:inactive OR accessVisibility:public) address.countryCode:FR", "k03 k09")]
    [InlineData("kitchen -state:inactive", "k01 k07")]
    [InlineData("kitchen AND NOT state:inactive", "k01 k07")]
    [InlineData("NOT (kitchen OR studio)", "k02 k04 k06 k09 k10 k11 k12 k13 k14 k15")]
    [InlineData("paris gym", "k13")]
    [InlineData("paris OR gym", "k01 k13")]
    [InlineData("--kitchen", "k01 k03 k07")]
    [InlineData("address.countryCode:FR -(created:2024-01-01 OR state:inactive)", "k09")]
    public async Task Search_Operators_CombineAsParsed(string query, string expected)
    {
        Assert.Equal(Ids(expected), await database.SearchAsync(query));
    }

    [Fact]
    public async Task Search_OtherAccountsModel_NeverReturned()
    {
        var found = await database.SearchAsync("kitchen OR internalId:ABC-100 OR created:2024-01-01");

        Assert.Equal(Ids("k01 k02 k03 k07 k13"), found);
        Assert.DoesNotContain("x01", found);
    }

    [Fact]
    public async Task ToPredicate_TranslatesToSqlWithEscapedLikeAndParameters()
    {
        var parsed = ModelSearchParser.Parse(
            "kitchen -address.locality:paris internalId:AB* address.postalCode:750* state:active created:[2024-01-01 TO *]");
        await using var db = database.CreateContext();

        string sql = database.Query(db, ModelSearchTranslator.ToPredicate(parsed.Query!, BareWordFields.All, SearchDatabase.Dialect)).ToQueryString();

        Assert.Contains("WHERE", sql);
        Assert.Contains(SearchDatabase.Dialect == SearchDialect.PostgreSql ? "ILIKE" : "LIKE", sql);
        Assert.Contains("ESCAPE '\\'", sql);
        Assert.Contains(SearchDatabase.Dialect == SearchDialect.PostgreSql ? "substring(" : "substr(", sql);
        // Values are SQL parameters: none of the user's text is spliced into the statement itself.
        string statement = sql[sql.IndexOf("SELECT", StringComparison.Ordinal)..];
        Assert.DoesNotContain("kitchen", statement, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("paris", statement, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("750", statement, StringComparison.Ordinal);
        Assert.Contains("'%kitchen%'", sql);
    }

    private static string[] Ids(string spaceSeparated) =>
        spaceSeparated.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
}
