using Spacegate.Server.Models;
using Spacegate.Server.Models.Search;
using Xunit;

namespace Spacegate.Tests.Search;

public sealed class ModelSearchParserTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t\n")]
    [InlineData("*")]
    [InlineData(" * ")]
    [InlineData("*:*")]
    [InlineData("(*)")]
    public void Parse_EmptyOrStar_MatchesAll(string? query)
    {
        Assert.Equal("*", Parsed(query));
    }

    [Theory]
    [InlineData("kitchen", "any:'kitchen'")]
    [InlineData("Kitchen", "any:'Kitchen'")]
    [InlineData("kitch*", "any:'kitch'*")]
    [InlineData("\"two words\"", "any:\"two words\"")]
    [InlineData("\"  spaced  \"", "any:\"  spaced  \"")]
    [InlineData("foo-bar", "any:'foo-bar'")]
    [InlineData("what?", "any:'what?'")]
    [InlineData("50%", "any:'50%'")]
    [InlineData("and", "any:'and'")]
    [InlineData("ANDROID", "any:'ANDROID'")]
    [InlineData("ORANGE", "any:'ORANGE'")]
    [InlineData("NOTE", "any:'NOTE'")]
    [InlineData("TO", "any:'TO'")]
    [InlineData("café", "any:'café'")]
    public void Parse_BareWordsAndPhrases_MatchAnyTextField(string query, string expected)
    {
        Assert.Equal(expected, Parsed(query));
    }

    [Theory]
    [InlineData(@"a\:b", "any:'a:b'")]
    [InlineData(@"\(x\)", "any:'(x)'")]
    [InlineData(@"C\*", "any:'C*'")]
    [InlineData(@"C\**", "any:'C*'*")]
    [InlineData(@"back\\slash", @"any:'back\slash'")]
    [InlineData(@"\-dash", "any:'-dash'")]
    [InlineData(@"\AND", "any:'AND'")]
    [InlineData(@"""say \""hi\""""", "any:\"say \"hi\"\"")]
    [InlineData(@"""a \\ b""", @"any:""a \ b""")]
    [InlineData(@"""a \n b""", @"any:""a \n b""")]
    [InlineData(@"""a*b""", "any:\"a*b\"")]
    public void Parse_Escapes_AreLiteral(string query, string expected)
    {
        Assert.Equal(expected, Parsed(query));
    }

    [Theory]
    [InlineData("name:kitchen", "name:'kitchen'")]
    [InlineData("NAME:Kitchen", "name:'Kitchen'")]
    [InlineData("name: kitchen", "name:'kitchen'")]
    [InlineData("name:\"two words\"", "name:\"two words\"")]
    [InlineData("name:kitch*", "name:'kitch'*")]
    [InlineData("name:*", "name:''*")]
    [InlineData("name:a:b", "name:'a:b'")]
    [InlineData("name:-x", "name:'-x'")]
    [InlineData("description:oak", "description:'oak'")]
    [InlineData("address.locality:Paris", "address.locality:'Paris'")]
    [InlineData("address.locality:\"New York\"", "address.locality:\"New York\"")]
    [InlineData("internalId:ABC-1", "internalId='ABC-1'")]
    [InlineData("internalid:ABC-1", "internalId='ABC-1'")]
    [InlineData("internalId:AB*", "internalId='AB'*")]
    [InlineData("internalId:*", "internalId=''*")]
    [InlineData("internalId:\"A B*\"", "internalId='A B*'")]
    [InlineData("address.postalCode:SW1A*", "address.postalCode='SW1A'*")]
    [InlineData("address.postalCode:\"SW1A 1AA\"", "address.postalCode='SW1A 1AA'")]
    [InlineData("address.countryCode:us", "address.countryCode='us'")]
    public void Parse_TextAndExactFields_ReturnTypedTerms(string query, string expected)
    {
        Assert.Equal(expected, Parsed(query));
    }

    [Theory]
    [InlineData("state:active", ModelState.Active)]
    [InlineData("state:INACTIVE", ModelState.Inactive)]
    [InlineData("state:\"Inactive\"", ModelState.Inactive)]
    public void Parse_State_IsEnumTerm(string query, ModelState expected)
    {
        var node = Assert.IsType<EnumTermNode>(ParseOk(query));

        Assert.Equal(new EnumTermNode(SearchField.State, expected), node);
    }

    [Theory]
    [InlineData("accessVisibility:private", ModelAccessVisibility.Private)]
    [InlineData("accessVisibility:Unlisted", ModelAccessVisibility.Unlisted)]
    [InlineData("accessVisibility:PUBLIC", ModelAccessVisibility.Public)]
    [InlineData("accessvisibility:password", ModelAccessVisibility.Password)]
    public void Parse_AccessVisibility_IsEnumTerm(string query, ModelAccessVisibility expected)
    {
        var node = Assert.IsType<EnumTermNode>(ParseOk(query));

        Assert.Equal(new EnumTermNode(SearchField.AccessVisibility, expected), node);
    }

    [Theory]
    [InlineData("created:2024-01-01", "created[2024-01-01T00:00:00Z,2024-01-02T00:00:00Z)")]
    [InlineData("modified:2024-02-29", "modified[2024-02-29T00:00:00Z,2024-03-01T00:00:00Z)")]
    [InlineData("created:2024-01-01T10:00Z", "created[2024-01-01T10:00:00Z,2024-01-01T10:01:00Z)")]
    [InlineData("created:2024-01-01T10:00:00Z", "created[2024-01-01T10:00:00Z,2024-01-01T10:00:01Z)")]
    [InlineData("created:2024-01-01T10:00:00", "created[2024-01-01T10:00:00Z,2024-01-01T10:00:01Z)")]
    [InlineData("created:2024-01-01T10:00:00+02:00", "created[2024-01-01T08:00:00Z,2024-01-01T08:00:01Z)")]
    [InlineData("created:2024-01-01T00:30:00-01:00", "created[2024-01-01T01:30:00Z,2024-01-01T01:30:01Z)")]
    [InlineData("created:2024-01-01T10:00:00.25Z", "created[2024-01-01T10:00:00.25Z,2024-01-01T10:00:00.25Z]")]
    [InlineData("created:\"2024-01-01\"", "created[2024-01-01T00:00:00Z,2024-01-02T00:00:00Z)")]
    [InlineData("created:*", "created[*,*]")]
    [InlineData("created:9999-12-31", "created[9999-12-31T00:00:00Z,*)")]
    public void Parse_SingleDate_CoversItsWholeSpan(string query, string expected)
    {
        Assert.Equal(expected, Parsed(query));
    }

    [Theory]
    [InlineData("created:[2024-01-01 TO *]", "created[2024-01-01T00:00:00Z,*]")]
    [InlineData("created:[* TO *]", "created[*,*]")]
    [InlineData("created:[2024-01-01 TO 2024-01-31]", "created[2024-01-01T00:00:00Z,2024-02-01T00:00:00Z)")]
    [InlineData("created:{2024-01-01 TO 2024-01-31}", "created[2024-01-02T00:00:00Z,2024-01-31T00:00:00Z)")]
    [InlineData("created:[2024-01-01 TO 2024-01-31}", "created[2024-01-01T00:00:00Z,2024-01-31T00:00:00Z)")]
    [InlineData("created:{2024-01-01 TO 2024-01-31]", "created[2024-01-02T00:00:00Z,2024-02-01T00:00:00Z)")]
    [InlineData("created:{* TO 2024-01-01}", "created[*,2024-01-01T00:00:00Z)")]
    [InlineData("modified:[2024-01-01T10:00:00Z TO 2024-01-01T12:00:00Z]",
        "modified[2024-01-01T10:00:00Z,2024-01-01T12:00:01Z)")]
    [InlineData("modified:{2024-01-01T10:00:00.5Z TO 2024-01-01T12:00:00.5Z]",
        "modified(2024-01-01T10:00:00.5Z,2024-01-01T12:00:00.5Z]")]
    [InlineData("created:[2024-01-01T10:00+02:00 TO 2024-01-01T10:00Z}", "created[2024-01-01T08:00:00Z,2024-01-01T10:00:00Z)")]
    [InlineData("created:[\"2024-01-01\" TO \"2024-01-02\"]", "created[2024-01-01T00:00:00Z,2024-01-03T00:00:00Z)")]
    [InlineData("created:[  2024-01-01   TO   2024-01-02  ]", "created[2024-01-01T00:00:00Z,2024-01-03T00:00:00Z)")]
    [InlineData("created:{9999-12-31 TO *]", "created(9999-12-31T23:59:59.9999999Z,*]")]
    [InlineData("created:[* TO 9999-12-31]", "created[*,*)")]
    public void Parse_DateRange_ResolvesBoundsToUtcInstants(string query, string expected)
    {
        Assert.Equal(expected, Parsed(query));
    }

    [Theory]
    [InlineData("-kitchen", "(NOT any:'kitchen')")]
    [InlineData("NOT kitchen", "(NOT any:'kitchen')")]
    [InlineData("NOT(kitchen)", "(NOT any:'kitchen')")]
    [InlineData("--kitchen", "(NOT (NOT any:'kitchen'))")]
    [InlineData("-\"two words\"", "(NOT any:\"two words\")")]
    [InlineData("-state:inactive", "(NOT state=Inactive)")]
    [InlineData("a -b", "(AND any:'a' (NOT any:'b'))")]
    [InlineData("a b", "(AND any:'a' any:'b')")]
    [InlineData("a AND b", "(AND any:'a' any:'b')")]
    [InlineData("a and b", "(AND (AND any:'a' any:'and') any:'b')")]
    [InlineData("a OR b", "(OR any:'a' any:'b')")]
    [InlineData("a or b", "(AND (AND any:'a' any:'or') any:'b')")]
    [InlineData("a b c", "(AND (AND any:'a' any:'b') any:'c')")]
    [InlineData("a OR b OR c", "(OR (OR any:'a' any:'b') any:'c')")]
    [InlineData("a OR b c", "(OR any:'a' (AND any:'b' any:'c'))")]
    [InlineData("a b OR c", "(OR (AND any:'a' any:'b') any:'c')")]
    [InlineData("a OR b AND c", "(OR any:'a' (AND any:'b' any:'c'))")]
    [InlineData("NOT a AND b", "(AND (NOT any:'a') any:'b')")]
    [InlineData("NOT a OR b", "(OR (NOT any:'a') any:'b')")]
    [InlineData("a OR NOT b AND c", "(OR any:'a' (AND (NOT any:'b') any:'c'))")]
    [InlineData("(a OR b) c", "(AND (OR any:'a' any:'b') any:'c')")]
    [InlineData("a (b OR c)", "(AND any:'a' (OR any:'b' any:'c'))")]
    [InlineData("NOT (a OR b)", "(NOT (OR any:'a' any:'b'))")]
    [InlineData("((a))", "any:'a'")]
    [InlineData("a AND(b)", "(AND any:'a' any:'b')")]
    [InlineData("a OR\"b c\"", "(OR any:'a' any:\"b c\")")]
    [InlineData("name:a\"b c\"", "(AND name:'a' any:\"b c\")")]
    [InlineData("* AND state:active", "(AND * state=Active)")]
    [InlineData("kitchen -state:inactive created:[2024-01-01 TO *]",
        "(AND (AND any:'kitchen' (NOT state=Inactive)) created[2024-01-01T00:00:00Z,*])")]
    public void Parse_Operators_FollowPrecedenceAndGrouping(string query, string expected)
    {
        Assert.Equal(expected, Parsed(query));
    }

    [Theory]
    [InlineData("\"open plan\" -state:inactive", "(AND any:\"open plan\" (NOT state=Inactive))")]
    [InlineData("name:studio OR description:studio", "(OR name:'studio' description:'studio')")]
    [InlineData("address.countryCode:fr created:[2024-01-01 TO 2024-06-30]",
        "(AND address.countryCode='fr' created[2024-01-01T00:00:00Z,2024-07-01T00:00:00Z))")]
    [InlineData("(accessVisibility:public OR accessVisibility:unlisted) modified:{2025-01-01 TO *]",
        "(AND (OR accessVisibility=Public accessVisibility=Unlisted) modified[2025-01-02T00:00:00Z,*])")]
    [InlineData("internalId:PRJ-2024-*", "internalId='PRJ-2024-'*")]
    [InlineData(@"name:50%\ off", "name:'50% off'")]
    [InlineData("(name:a OR name:b)", "(OR name:'a' name:'b')")]
    public void Parse_DocumentedExamples_MeanWhatTheDocsSay(string query, string expected)
    {
        Assert.Equal(expected, Parsed(query));
    }

    [Fact]
    public void Parse_AdjacentTerms_SameTreeAsExplicitAnd()
    {
        Assert.Equal(ParseOk("kitchen name:oak state:active"), ParseOk("kitchen AND name:oak AND state:active"));
    }

    [Fact]
    public void Parse_DateRange_IsTypedNode()
    {
        var node = ParseOk("modified:[2024-01-01 TO *]");

        var expected = new DateRangeNode(SearchField.Modified,
            new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), true, null, true);
        Assert.Equal(expected, node);
    }

    [Fact]
    public void Parse_LimitsReached_StillParses()
    {
        string deepest = new string('(', ModelSearchParser.MaxDepth) + "a" + new string(')', ModelSearchParser.MaxDepth);
        string notChain = string.Concat(Enumerable.Repeat("NOT ", ModelSearchParser.MaxDepth)) + "a";
        string manyTerms = string.Join(' ', Enumerable.Repeat("a", ModelSearchParser.MaxTerms));
        string longest = new('a', ModelSearchParser.MaxQueryLength);

        Assert.Equal("any:'a'", Parsed(deepest));
        Assert.StartsWith(string.Concat(Enumerable.Repeat("(NOT ", ModelSearchParser.MaxDepth)), Parsed(notChain));
        Assert.True(ModelSearchParser.Parse(manyTerms).Success);
        Assert.Equal($"any:'{longest}'", Parsed(longest));
    }

    internal static SearchNode ParseOk(string? query)
    {
        var result = ModelSearchParser.Parse(query);
        Assert.True(result.Success, $"'{query}' failed: {result.Error?.Message}");
        Assert.Null(result.Error);
        return result.Query!;
    }

    private static string Parsed(string? query) => SearchNodeText.Describe(ParseOk(query));
}
