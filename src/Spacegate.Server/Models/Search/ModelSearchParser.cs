namespace Spacegate.Server.Models.Search;

/// <summary>
/// Parses the <c>models(query:)</c> search syntax, a subset of Lucene's: <c>*</c>, bare words, <c>field:value</c>,
/// quoted phrases, trailing-<c>*</c> prefixes, date ranges (<c>created:[2024-01-01 TO *]</c>), <c>AND</c>,
/// <c>OR</c>, <c>NOT</c> or a leading <c>-</c>, and parentheses.
/// </summary>
/// <remarks>
/// Unlike Lucene, whose default operator is OR, adjacent terms without an operator are ANDed (<c>kitchen oak</c>
/// means both), which is what people expect of a search box. Precedence is NOT over AND over OR, so
/// <c>a OR b c</c> is <c>a OR (b AND c)</c>. Operators are case-sensitive: <c>and</c> is a search word. A query that
/// is only negative (<c>-state:inactive</c>) matches everything else, where Lucene would match nothing.
/// The limits keep a single request from building huge SQL: the query text, the nesting of parentheses and NOTs,
/// and the number of terms are all bounded.
/// </remarks>
public static class ModelSearchParser
{
    public const int MaxQueryLength = 1000;

    /// <summary>Levels of parentheses and NOT operators around a term.</summary>
    public const int MaxDepth = 16;

    /// <summary>Words, phrases, field terms and ranges, counted over the whole query.</summary>
    public const int MaxTerms = 64;

    /// <summary>
    /// Parses <paramref name="query"/>; never throws. Null, empty or whitespace queries and <c>*</c> match every model.
    /// </summary>
    public static ModelSearchParseResult Parse(string? query)
    {
        if (query is null || string.IsNullOrWhiteSpace(query))
        {
            return ModelSearchParseResult.Parsed(MatchAllNode.Instance);
        }
        if (query.Length > MaxQueryLength)
        {
            return ModelSearchParseResult.Failed(new ModelSearchError(
                $"Query is longer than {MaxQueryLength} characters at position {MaxQueryLength}.", MaxQueryLength));
        }
        if (FindInvalidCharacter(query) is { } invalid)
        {
            return ModelSearchParseResult.Failed(new ModelSearchError(
                $"Invalid character U+{(int)query[invalid]:X4} at position {invalid}.", invalid));
        }
        try
        {
            return ModelSearchParseResult.Parsed(new SearchGrammar(query).ParseQuery());
        }
        catch (SearchSyntaxException error)
        {
            return ModelSearchParseResult.Failed(new ModelSearchError(error.Message, error.Position));
        }
    }

    /// <summary>
    /// Control characters other than whitespace, and unpaired surrogates. SQLite ends a LIKE pattern at U+0000, so
    /// <c>"a\0b"</c> would silently become <c>%a</c>; an unpaired surrogate cannot even be encoded as UTF-8.
    /// </summary>
    private static int? FindInvalidCharacter(string query)
    {
        for (int i = 0; i < query.Length; i++)
        {
            char c = query[i];
            if (char.IsHighSurrogate(c) && i + 1 < query.Length && char.IsLowSurrogate(query[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || (char.IsControl(c) && !char.IsWhiteSpace(c)))
            {
                return i;
            }
        }
        return null;
    }
}
