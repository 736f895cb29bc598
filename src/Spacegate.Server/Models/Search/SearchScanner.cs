using System.Text;

namespace Spacegate.Server.Models.Search;

/// <summary>
/// Character-level reading for <see cref="SearchGrammar"/>: whitespace, keywords, words and phrases. Reading is
/// driven by the grammar because a colon ends a field name but belongs to a value (<c>created:2024-01-01T10:00:00Z</c>).
/// </summary>
internal sealed class SearchScanner(string text)
{
    public int Position { get; private set; }
    public bool AtEnd => Position >= text.Length;
    public char Current => text[Position];

    public void Advance() => Position++;

    public void SkipWhitespace()
    {
        while (!AtEnd && char.IsWhiteSpace(Current))
        {
            Position++;
        }
    }

    /// <summary>
    /// True when <paramref name="keyword"/> (an operator such as AND, OR, NOT, TO) starts here as a whole word.
    /// Operators are case-sensitive as in Lucene, so <c>and</c> stays a search word; <c>AND:</c> is a (unknown)
    /// field name and <c>ANDROID</c> a word, not operators.
    /// </summary>
    public bool IsAtKeyword(string keyword)
    {
        if (!text.AsSpan(Position).StartsWith(keyword, StringComparison.Ordinal))
        {
            return false;
        }
        int end = Position + keyword.Length;
        return end == text.Length || char.IsWhiteSpace(text[end]) || text[end] is '(' or ')' or '"';
    }

    public void Skip(string keyword) => Position += keyword.Length;

    /// <summary>
    /// Reads a word up to whitespace or a special character. A backslash makes the next character literal; an
    /// unescaped <c>*</c> is allowed only as the last character (a prefix).
    /// </summary>
    /// <param name="stopAtColon">True for a term that may turn out to be a field name.</param>
    public SearchWord ReadWord(bool stopAtColon)
    {
        int start = Position;
        var word = new StringBuilder();
        bool isPrefix = false;
        while (!AtEnd && !IsWordEnd(Current, stopAtColon))
        {
            char c = Current;
            if (c == '\\')
            {
                if (Position + 1 >= text.Length)
                {
                    throw SearchSyntaxException.At("Expected a character after '\\'", Position + 1);
                }
                word.Append(text[Position + 1]);
                Position += 2;
                continue;
            }
            if (c == '*')
            {
                if (Position + 1 < text.Length && !IsWordEnd(text[Position + 1], stopAtColon))
                {
                    throw SearchSyntaxException.At("Wildcard '*' is only allowed at the end of a word", Position);
                }
                isPrefix = true;
                Position++;
                break;
            }
            word.Append(c);
            Position++;
        }
        return new SearchWord(word.ToString(), text[start..Position], start, isPrefix, IsPhrase: false);
    }

    /// <summary>Reads a double-quoted phrase; inside it only <c>\"</c> and <c>\\</c> are escapes.</summary>
    public SearchWord ReadPhrase()
    {
        int start = Position;
        Position++;
        var phrase = new StringBuilder();
        while (!AtEnd && Current != '"')
        {
            if (Current == '\\' && Position + 1 < text.Length && text[Position + 1] is '"' or '\\')
            {
                Position++;
            }
            phrase.Append(Current);
            Position++;
        }
        if (AtEnd)
        {
            throw SearchSyntaxException.At("Unterminated phrase starting", start, "Close it with '\"'.");
        }
        Position++;
        return new SearchWord(phrase.ToString(), text[start..Position], start, IsPrefix: false, IsPhrase: true);
    }

    private static bool IsWordEnd(char c, bool stopAtColon) =>
        char.IsWhiteSpace(c) || c is '(' or ')' or '"' or '[' or ']' or '{' or '}' || (stopAtColon && c == ':');
}
