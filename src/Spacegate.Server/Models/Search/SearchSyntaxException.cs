namespace Spacegate.Server.Models.Search;

/// <summary>
/// Unwinds the recursive-descent parser at the first syntax error; <see cref="ModelSearchParser.Parse"/> turns it
/// into a <see cref="ModelSearchError"/>, so it never escapes to callers.
/// </summary>
internal sealed class SearchSyntaxException : Exception
{
    private const int MaxEchoLength = 40;

    private SearchSyntaxException(string message, int position) : base(message)
    {
        Position = position;
    }

    public int Position { get; }

    /// <summary>"<paramref name="problem"/> at position N." followed by an optional <paramref name="hint"/>.</summary>
    public static SearchSyntaxException At(string problem, int position, string? hint = null) =>
        new(hint is null ? $"{problem} at position {position}." : $"{problem} at position {position}. {hint}", position);

    /// <summary>Quotes user input in a message, cut short so a huge token cannot bloat the error.</summary>
    public static string Echo(string text) =>
        text.Length <= MaxEchoLength ? $"'{text}'" : $"'{text[..MaxEchoLength]}...'";
}
