using Spacegate.Server.Models.Search;
using Xunit;

namespace Spacegate.Tests.Search;

public sealed class ModelSearchParserErrorTests
{
    [Theory]
    [InlineData("colour:red", "Unknown field 'colour' at position 0.", 0)]
    [InlineData("kitchen colour:red", "Unknown field 'colour' at position 8.", 8)]
    [InlineData("address.city:Paris", "Unknown field 'address.city' at position 0.", 0)]
    [InlineData("(a OR AND:b)", "Unknown field 'AND' at position 6.", 6)]
    [InlineData("*:kitchen", "Unknown field '*' at position 0.", 0)]
    [InlineData("10:00", "Unknown field '10' at position 0.", 0)]
    public void Parse_UnknownField_NamesFieldAndPosition(string query, string message, int position)
    {
        var error = AssertError(query, message, position);

        Assert.EndsWith("Fields: name, description, internalId, state, accessVisibility, created, modified, "
            + "address.locality, address.postalCode, address.countryCode.", error.Message);
    }

    [Theory]
    [InlineData("\"two words", "Unterminated phrase starting at position 0.", 0)]
    [InlineData("name:\"two words", "Unterminated phrase starting at position 5.", 5)]
    [InlineData("a \"b\" \"c", "Unterminated phrase starting at position 6.", 6)]
    [InlineData("\"ends with escape\\\"", "Unterminated phrase starting at position 0.", 0)]
    [InlineData("created:[\"2024-01-01 TO *]", "Unterminated phrase starting at position 9.", 9)]
    public void Parse_UnterminatedPhrase_PointsAtOpeningQuote(string query, string message, int position)
    {
        AssertError(query, message, position);
    }

    [Theory]
    [InlineData("created:[2024-01-01 TO 2024-12-31", "Expected ']' at position 33.", 33)]
    [InlineData("created:[2024-01-01 TO *", "Expected ']' at position 24.", 24)]
    [InlineData("created:{2024-01-01 TO *", "Expected '}' at position 24.", 24)]
    [InlineData("created:[2024-01-01 TO * foo]", "Expected ']' at position 25.", 25)]
    [InlineData("created:[2024-01-01 TO *)", "Expected ']' at position 24.", 24)]
    [InlineData("created:[2024-01-01 2024-12-31]", "Expected 'TO' at position 20.", 20)]
    [InlineData("created:[2024-01-01 to 2024-12-31]", "Expected 'TO' at position 20.", 20)]
    [InlineData("created:[2024-01-01]", "Expected 'TO' at position 19.", 19)]
    [InlineData("created:[2024-01-01", "Expected 'TO' at position 19.", 19)]
    [InlineData("created:[ TO 2024-01-01]", "Expected a date or '*' at position 10.", 10)]
    [InlineData("created:[2024-01-01 TO ]", "Expected a date or '*' at position 23.", 23)]
    [InlineData("created:[2024-01-01 TO", "Expected a date or '*' at position 22.", 22)]
    [InlineData("created:[", "Expected a date or '*' at position 9.", 9)]
    [InlineData("created:[(a) TO *]", "Expected a date or '*' at position 9.", 9)]
    public void Parse_MalformedRange_SaysWhatIsExpected(string query, string message, int position)
    {
        AssertError(query, message, position);
    }

    [Theory]
    [InlineData("created:2024-13-01", "Invalid date '2024-13-01' at position 8.", 8)]
    [InlineData("created:2023-02-29", "Invalid date '2023-02-29' at position 8.", 8)]
    [InlineData("created:yesterday", "Invalid date 'yesterday' at position 8.", 8)]
    [InlineData("created:2024*", "Invalid date '2024*' at position 8.", 8)]
    [InlineData("created:24-01-01", "Invalid date '24-01-01' at position 8.", 8)]
    [InlineData("created:2024-01-01T25:00:00Z", "Invalid date '2024-01-01T25:00:00Z' at position 8.", 8)]
    [InlineData("modified:[2024-01-01 TO tomorrow]", "Invalid date 'tomorrow' at position 24.", 24)]
    [InlineData("modified:[never TO *]", "Invalid date 'never' at position 10.", 10)]
    public void Parse_BadDate_ExplainsFormat(string query, string message, int position)
    {
        var error = AssertError(query, message, position);

        Assert.EndsWith("Use ISO-8601, e.g. 2024-01-01 or 2024-01-01T10:00:00Z.", error.Message);
    }

    [Theory]
    [InlineData("created:0001-01-01T00:00:00+01:00", 8)]
    [InlineData("created:9999-12-31T23:59:59-01:00", 8)]
    [InlineData("created:2024-01-01T10:00:00+15:00", 8)]
    [InlineData("created:[2024-01-01 TO 2024-01-01T10:00:00.12345678Z]", 23)]
    [InlineData("created:2024-01-01t10:00:00z", 8)]
    [InlineData("created:0000-01-01", 8)]
    public void Parse_DateOutsideTheCalendar_IsInvalidNotAnException(string query, int position)
    {
        var result = ModelSearchParser.Parse(query);

        Assert.Equal(position, result.Error?.Position);
        Assert.StartsWith("Invalid date", result.Error!.Message);
    }

    [Theory]
    [InlineData("state:deleted", "Invalid state 'deleted' at position 6. Use one of: active, inactive.", 6)]
    [InlineData("state:act*", "Invalid state 'act*' at position 6. Use one of: active, inactive.", 6)]
    [InlineData("state:1", "Invalid state '1' at position 6. Use one of: active, inactive.", 6)]
    [InlineData("state:*", "Invalid state '*' at position 6. Use one of: active, inactive.", 6)]
    [InlineData("accessVisibility:secret",
        "Invalid accessVisibility 'secret' at position 17. Use one of: private, unlisted, public, password.", 17)]
    [InlineData("accessVisibility:\"public \"",
        "Invalid accessVisibility '\"public \"' at position 17. Use one of: private, unlisted, public, password.", 17)]
    public void Parse_BadEnumValue_ListsAcceptedValues(string query, string message, int position)
    {
        var error = AssertError(query, message, position);

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("kitchen AND", "Expected a term after 'AND' at position 11.", 11)]
    [InlineData("kitchen AND   ", "Expected a term after 'AND' at position 14.", 14)]
    [InlineData("kitchen OR", "Expected a term after 'OR' at position 10.", 10)]
    [InlineData("AND kitchen", "Expected a term but found 'AND' at position 0.", 0)]
    [InlineData("OR kitchen", "Expected a term but found 'OR' at position 0.", 0)]
    [InlineData("a AND OR b", "Expected a term after 'AND' but found 'OR' at position 6.", 6)]
    [InlineData("a OR AND b", "Expected a term after 'OR' but found 'AND' at position 5.", 5)]
    [InlineData("a AND AND b", "Expected a term after 'AND' but found 'AND' at position 6.", 6)]
    [InlineData("(a AND)", "Expected a term after 'AND' but found ')' at position 6.", 6)]
    [InlineData("NOT", "Expected a term after 'NOT' at position 3.", 3)]
    [InlineData("a NOT", "Expected a term after 'NOT' at position 5.", 5)]
    [InlineData("NOT OR a", "Expected a term after 'NOT' but found 'OR' at position 4.", 4)]
    [InlineData("a -", "Expected a term after '-' at position 3.", 3)]
    [InlineData("- a", "Expected a term after '-' at position 1.", 1)]
    [InlineData("(", "Expected a term after '(' at position 1.", 1)]
    public void Parse_DanglingOperator_PointsWhereTermIsMissing(string query, string message, int position)
    {
        AssertError(query, message, position);
    }

    [Theory]
    [InlineData("()", "Empty parentheses at position 0.", 0)]
    [InlineData("a (  )", "Empty parentheses at position 2.", 2)]
    [InlineData("NOT ()", "Empty parentheses at position 4.", 4)]
    [InlineData("(a", "Expected ')' at position 2.", 2)]
    [InlineData("((a) OR b", "Expected ')' at position 9.", 9)]
    [InlineData("a)", "Unexpected ')' at position 1.", 1)]
    [InlineData("(a))", "Unexpected ')' at position 3.", 3)]
    [InlineData(")", "Expected a term but found ')' at position 0.", 0)]
    [InlineData("[2024 TO 2025]", "Unexpected '[' at position 0.", 0)]
    [InlineData("a ]", "Unexpected ']' at position 2.", 2)]
    [InlineData(":foo", "Unexpected ':' at position 0.", 0)]
    [InlineData("a {b}", "Unexpected '{' at position 2.", 2)]
    public void Parse_UnbalancedOrStrayBrackets_AreRejected(string query, string message, int position)
    {
        AssertError(query, message, position);
    }

    [Theory]
    [InlineData("name:", "Expected a value after 'name:' at position 5.", 5)]
    [InlineData("name:  ", "Expected a value after 'name:' at position 7.", 7)]
    [InlineData("name: AND b", "Expected a value after 'name:' at position 6.", 6)]
    [InlineData("(name:)", "Expected a value after 'name:' at position 6.", 6)]
    [InlineData("state:NOT", "Expected a value after 'state:' at position 6.", 6)]
    [InlineData("name::a", "Expected a value after 'name:' at position 5.", 5)]
    [InlineData("name:(a OR b)", "Grouping after 'name:' is not supported at position 5.", 5)]
    [InlineData("name:[a TO b]", "A range is not allowed on 'name' at position 5.", 5)]
    [InlineData("internalId:{a TO b}", "A range is not allowed on 'internalId' at position 11.", 11)]
    [InlineData("state:[active TO inactive]", "A range is not allowed on 'state' at position 6.", 6)]
    [InlineData("name:\"\"", "Empty phrase at position 5.", 5)]
    [InlineData("internalId:\"\"", "Empty phrase at position 11.", 11)]
    [InlineData("a \"\"", "Empty phrase at position 2.", 2)]
    public void Parse_BadFieldValue_IsRejected(string query, string message, int position)
    {
        AssertError(query, message, position);
    }

    [Theory]
    [InlineData("k*tchen", "Wildcard '*' is only allowed at the end of a word at position 1.", 1)]
    [InlineData("*kitchen", "Wildcard '*' is only allowed at the end of a word at position 0.", 0)]
    [InlineData("**", "Wildcard '*' is only allowed at the end of a word at position 0.", 0)]
    [InlineData("name:a*b", "Wildcard '*' is only allowed at the end of a word at position 6.", 6)]
    [InlineData("kitchen\\", "Expected a character after '\\' at position 8.", 8)]
    [InlineData("name:oak\\", "Expected a character after '\\' at position 9.", 9)]
    public void Parse_BadWord_IsRejected(string query, string message, int position)
    {
        AssertError(query, message, position);
    }

    [Theory]
    [InlineData("kitchen\0", "Invalid character U+0000 at position 7.", 7)]
    [InlineData("name:\"a\u0007b\"", "Invalid character U+0007 at position 7.", 7)]
    public void Parse_ControlCharacter_IsRejected(string query, string message, int position)
    {
        AssertError(query, message, position);
    }

    [Fact]
    public void Parse_UnpairedSurrogate_IsRejected()
    {
        // Built at run time: attribute arguments are stored as UTF-8, which cannot hold an unpaired surrogate.
        string high = char.ConvertFromUtf32(0x1F600)[..1], low = char.ConvertFromUtf32(0x1F600)[1..];

        AssertError("a " + high, "Invalid character U+D83D at position 2.", 2);
        AssertError(low + "a", "Invalid character U+DE00 at position 0.", 0);
        AssertError("\"" + low + high + "\"", "Invalid character U+DE00 at position 1.", 1);
    }

    [Theory]
    [InlineData("a\tb\r\nc", "(AND (AND any:'a' any:'b') any:'c')")]
    [InlineData("😀*", "any:'😀'*")]
    public void Parse_WhitespaceControlsAndSurrogatePairs_AreAccepted(string query, string expected)
    {
        Assert.Equal(expected, SearchNodeText.Describe(ModelSearchParserTests.ParseOk(query)));
    }

    [Fact]
    public void Parse_TooLong_FailsAtTheLimit()
    {
        string query = new('a', ModelSearchParser.MaxQueryLength + 1);

        AssertError(query, "Query is longer than 1000 characters at position 1000.", 1000);
    }

    [Fact]
    public void Parse_TooDeepParentheses_FailsAtTheExtraLevel()
    {
        int levels = ModelSearchParser.MaxDepth + 1;
        string query = new string('(', levels) + "a" + new string(')', levels);

        AssertError(query, "Query nests deeper than 16 levels at position 16.", 16);
    }

    [Fact]
    public void Parse_TooManyNots_CountAsNesting()
    {
        string nots = string.Concat(Enumerable.Repeat("NOT ", ModelSearchParser.MaxDepth));
        string dashes = new('-', ModelSearchParser.MaxDepth + 1);

        AssertError(nots + "NOT a", "Query nests deeper than 16 levels at position 64.", 64);
        AssertError(dashes + "a", "Query nests deeper than 16 levels at position 16.", 16);
        AssertError("(((((((((((((((( -a ))))))))))))))))", "Query nests deeper than 16 levels at position 17.", 17);
    }

    [Fact]
    public void Parse_TooManyTerms_FailsAtTheExtraTerm()
    {
        string query = string.Join(' ', Enumerable.Repeat("ab", ModelSearchParser.MaxTerms + 1));

        AssertError(query, "Query has more than 64 terms at position 192.", 192);
    }

    [Fact]
    public void Parse_TooManyTerms_CountsFieldsRangesAndStars()
    {
        string terms = string.Join(" OR ", Enumerable.Repeat("created:[* TO *]", 32))
            + " " + string.Join(' ', Enumerable.Repeat("*", 32));

        Assert.True(ModelSearchParser.Parse(terms).Success);
        var error = ModelSearchParser.Parse(terms + " state:active").Error;
        Assert.NotNull(error);
        Assert.Equal(terms.Length + 1, error.Position);
    }

    private static ModelSearchError AssertError(string query, string messageStart, int position)
    {
        var result = ModelSearchParser.Parse(query);

        Assert.False(result.Success, $"'{query}' parsed as {(result.Query is null ? "?" : SearchNodeText.Describe(result.Query))}");
        Assert.Null(result.Query);
        var error = result.Error!;
        Assert.StartsWith(messageStart, error.Message);
        Assert.Equal(position, error.Position);
        return error;
    }
}
