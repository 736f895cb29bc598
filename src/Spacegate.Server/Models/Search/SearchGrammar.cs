namespace Spacegate.Server.Models.Search;

/// <summary>
/// Recursive-descent parser for one query. Grammar (precedence NOT &gt; AND &gt; OR; adjacent terms are ANDed):
/// <code>
/// query   := or
/// or      := and ("OR" and)*
/// and     := unary (["AND"] unary)*
/// unary   := ("NOT" | "-") unary | primary
/// primary := "(" or ")" | "*" | phrase | word | field ":" value
/// value   := phrase | word | ("[" | "{") bound "TO" bound ("]" | "}")
/// </code>
/// Throws <see cref="SearchSyntaxException"/> at the first error.
/// </summary>
internal sealed class SearchGrammar(string query)
{
    private const string And = "AND", Or = "OR", Not = "NOT", To = "TO";

    private readonly SearchScanner _scanner = new(query);
    private int _terms;

    public SearchNode ParseQuery()
    {
        var node = ParseOr(0, after: null);
        _scanner.SkipWhitespace();
        if (!_scanner.AtEnd)
        {
            // ParseOr stops only at the end or at a ')' that no group opened.
            throw SearchSyntaxException.At($"Unexpected '{_scanner.Current}'", _scanner.Position);
        }
        return node;
    }

    /// <param name="after">The operator or bracket just read, named in "Expected a term after ..." errors.</param>
    private SearchNode ParseOr(int depth, string? after)
    {
        var left = ParseAnd(depth, after);
        while (true)
        {
            _scanner.SkipWhitespace();
            if (!_scanner.IsAtKeyword(Or))
            {
                return left;
            }
            _scanner.Skip(Or);
            left = new OrNode(left, ParseAnd(depth, Or));
        }
    }

    private SearchNode ParseAnd(int depth, string? after)
    {
        var left = ParseUnary(depth, after);
        while (true)
        {
            _scanner.SkipWhitespace();
            if (_scanner.AtEnd || _scanner.Current == ')' || _scanner.IsAtKeyword(Or))
            {
                return left;
            }
            string? op = null;
            if (_scanner.IsAtKeyword(And))
            {
                _scanner.Skip(And);
                op = And;
            }
            left = new AndNode(left, ParseUnary(depth, op));
        }
    }

    private SearchNode ParseUnary(int depth, string? after)
    {
        _scanner.SkipWhitespace();
        int start = _scanner.Position;
        if (_scanner.IsAtKeyword(Not))
        {
            EnterLevel(depth, start);
            _scanner.Skip(Not);
            return new NotNode(ParseUnary(depth + 1, Not));
        }
        if (!_scanner.AtEnd && _scanner.Current == '-')
        {
            EnterLevel(depth, start);
            _scanner.Advance();
            if (_scanner.AtEnd || char.IsWhiteSpace(_scanner.Current))
            {
                throw SearchSyntaxException.At("Expected a term after '-'", _scanner.Position);
            }
            return new NotNode(ParseUnary(depth + 1, "-"));
        }
        return ParsePrimary(depth, after);
    }

    private SearchNode ParsePrimary(int depth, string? after)
    {
        string expected = after is null ? "Expected a term" : $"Expected a term after '{after}'";
        if (_scanner.AtEnd)
        {
            throw SearchSyntaxException.At(expected, _scanner.Position);
        }
        if (_scanner.IsAtKeyword(And) || _scanner.IsAtKeyword(Or))
        {
            string found = _scanner.IsAtKeyword(And) ? And : Or;
            throw SearchSyntaxException.At($"{expected} but found '{found}'", _scanner.Position);
        }
        switch (_scanner.Current)
        {
            case ')':
                throw SearchSyntaxException.At($"{expected} but found ')'", _scanner.Position);
            case '(':
                return ParseGroup(depth);
            case '"':
                var phrase = _scanner.ReadPhrase();
                CountTerm(phrase.Start);
                return SearchTerms.BarePhrase(phrase);
        }

        var word = _scanner.ReadWord(stopAtColon: true);
        if (word.Raw.Length == 0)
        {
            throw SearchSyntaxException.At($"Unexpected '{_scanner.Current}'", _scanner.Position);
        }
        if (!_scanner.AtEnd && _scanner.Current == ':')
        {
            return ParseField(word);
        }
        CountTerm(word.Start);
        return word.IsStar ? MatchAllNode.Instance : new TextTermNode(null, word.Text, IsPhrase: false, word.IsPrefix);
    }

    private SearchNode ParseGroup(int depth)
    {
        int open = _scanner.Position;
        EnterLevel(depth, open);
        _scanner.Advance();
        _scanner.SkipWhitespace();
        if (!_scanner.AtEnd && _scanner.Current == ')')
        {
            throw SearchSyntaxException.At("Empty parentheses", open);
        }
        var inner = ParseOr(depth + 1, "(");
        _scanner.SkipWhitespace();
        if (_scanner.AtEnd || _scanner.Current != ')')
        {
            throw SearchSyntaxException.At("Expected ')'", _scanner.Position);
        }
        _scanner.Advance();
        return inner;
    }

    /// <summary>After <c>name</c> with the scanner on the colon: reads <c>:value</c> (whitespace after the colon is allowed).</summary>
    private SearchNode ParseField(SearchWord fieldName)
    {
        _scanner.Advance();
        if (fieldName.Raw == "*" && _scanner.IsAtKeyword("*"))
        {
            // "*:*", Lucene's spelling of "everything".
            _scanner.Advance();
            CountTerm(fieldName.Start);
            return MatchAllNode.Instance;
        }
        if (!SearchFields.TryFind(fieldName.Raw, out var field))
        {
            throw SearchSyntaxException.At($"Unknown field {SearchSyntaxException.Echo(fieldName.Raw)}", fieldName.Start,
                $"Fields: {string.Join(", ", SearchFields.QueryNames)}.");
        }

        string name = SearchFields.QueryName(field);
        _scanner.SkipWhitespace();
        if (_scanner.AtEnd || _scanner.Current is ')' or ']' or '}' or ':'
            || _scanner.IsAtKeyword(And) || _scanner.IsAtKeyword(Or) || _scanner.IsAtKeyword(Not))
        {
            throw SearchSyntaxException.At($"Expected a value after '{name}:'", _scanner.Position);
        }
        if (_scanner.Current == '(')
        {
            throw SearchSyntaxException.At($"Grouping after '{name}:' is not supported", _scanner.Position,
                $"Repeat the field in each term, e.g. ({name}:a OR {name}:b).");
        }
        CountTerm(fieldName.Start);
        if (_scanner.Current is '[' or '{')
        {
            if (SearchFields.KindOf(field) != SearchFieldKind.Date)
            {
                throw SearchSyntaxException.At($"A range is not allowed on '{name}'", _scanner.Position,
                    "Ranges work on created and modified only.");
            }
            return ParseRange(field);
        }
        var value = _scanner.Current == '"' ? _scanner.ReadPhrase() : _scanner.ReadWord(stopAtColon: false);
        return SearchTerms.FieldTerm(field, value);
    }

    private DateRangeNode ParseRange(SearchField field)
    {
        bool fromInclusive = _scanner.Current == '[';
        _scanner.Advance();
        _scanner.SkipWhitespace();
        var from = ReadRangeBound();
        _scanner.SkipWhitespace();
        if (!_scanner.IsAtKeyword(To))
        {
            throw SearchSyntaxException.At("Expected 'TO'", _scanner.Position);
        }
        _scanner.Skip(To);
        _scanner.SkipWhitespace();
        var to = ReadRangeBound();
        _scanner.SkipWhitespace();
        if (_scanner.AtEnd || _scanner.Current is not (']' or '}'))
        {
            throw SearchSyntaxException.At(fromInclusive ? "Expected ']'" : "Expected '}'", _scanner.Position);
        }
        bool toInclusive = _scanner.Current == ']';
        _scanner.Advance();
        return SearchTerms.DateRange(field, from, fromInclusive, to, toInclusive);
    }

    private SearchWord ReadRangeBound()
    {
        if (!_scanner.AtEnd && _scanner.Current == '"')
        {
            return _scanner.ReadPhrase();
        }
        int start = _scanner.Position;
        var bound = _scanner.AtEnd || _scanner.IsAtKeyword(To) ? null : (SearchWord?)_scanner.ReadWord(stopAtColon: false);
        if (bound is not { Raw.Length: > 0 } word)
        {
            throw SearchSyntaxException.At("Expected a date or '*'", start);
        }
        return word;
    }

    private static void EnterLevel(int depth, int position)
    {
        if (depth >= ModelSearchParser.MaxDepth)
        {
            throw SearchSyntaxException.At($"Query nests deeper than {ModelSearchParser.MaxDepth} levels", position);
        }
    }

    private void CountTerm(int position)
    {
        if (++_terms > ModelSearchParser.MaxTerms)
        {
            throw SearchSyntaxException.At($"Query has more than {ModelSearchParser.MaxTerms} terms", position);
        }
    }
}
