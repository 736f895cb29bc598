using System.Globalization;
using Spacegate.Server.Models.Search;
using Xunit;

namespace Spacegate.Tests.Search;

/// <summary>
/// Compact, unambiguous text for a parsed query, so parser tests read as one line each:
/// <c>(AND any:'kitchen' (NOT state=Inactive))</c>. Text terms quote their text ('word' or "phrase") and mark a
/// prefix with a trailing *, exact terms use =, date ranges use interval brackets with * for an open end.
/// </summary>
internal static class SearchNodeText
{
    public static string Describe(SearchNode node) => node switch
    {
        MatchAllNode => "*",
        AndNode and => $"(AND {Describe(and.Left)} {Describe(and.Right)})",
        OrNode or => $"(OR {Describe(or.Left)} {Describe(or.Right)})",
        NotNode not => $"(NOT {Describe(not.Operand)})",
        TextTermNode text => $"{FieldName(text.Field)}:{Quote(text.Text, text.IsPhrase)}{(text.IsPrefix ? "*" : "")}",
        ExactTermNode exact => $"{FieldName(exact.Field)}={Quote(exact.Value, false)}{(exact.IsPrefix ? "*" : "")}",
        EnumTermNode enumTerm => $"{FieldName(enumTerm.Field)}={enumTerm.Value}",
        DateRangeNode range => FieldName(range.Field)
            + (range.FromInclusive ? "[" : "(") + Instant(range.From) + "," + Instant(range.To)
            + (range.ToInclusive ? "]" : ")"),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, null),
    };

    private static string FieldName(SearchField? field) => field is { } f ? SearchFields.QueryName(f) : "any";

    private static string Quote(string text, bool phrase) => phrase ? $"\"{text}\"" : $"'{text}'";

    private static string Instant(DateTimeOffset? value)
    {
        if (value is not { } instant)
        {
            return "*";
        }
        Assert.Equal(TimeSpan.Zero, instant.Offset);
        return instant.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
    }
}
