namespace Spacegate.Server.Models.Search;

/// <summary>Why a query was rejected.</summary>
/// <param name="Message">A sentence for the caller, naming the 0-based position, e.g. <c>Unknown field 'colour' at position 0.</c></param>
/// <param name="Position">0-based character index into the query, from 0 to the query's length.</param>
public sealed record ModelSearchError(string Message, int Position);

/// <summary>Outcome of <see cref="ModelSearchParser.Parse"/>: exactly one of <see cref="Query"/> and <see cref="Error"/> is set.</summary>
public sealed record ModelSearchParseResult
{
    private ModelSearchParseResult(SearchNode? query, ModelSearchError? error)
    {
        Query = query;
        Error = error;
    }

    public SearchNode? Query { get; }
    public ModelSearchError? Error { get; }
    public bool Success => Query is not null;

    public static ModelSearchParseResult Parsed(SearchNode query) =>
        new(query ?? throw new ArgumentNullException(nameof(query)), null);

    public static ModelSearchParseResult Failed(ModelSearchError error) =>
        new(null, error ?? throw new ArgumentNullException(nameof(error)));
}
