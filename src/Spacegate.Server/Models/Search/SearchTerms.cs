namespace Spacegate.Server.Models.Search;

/// <summary>Turns values read by <see cref="SearchGrammar"/> into typed terms, validating them per field kind.</summary>
internal static class SearchTerms
{
    private static readonly (string Name, ModelState Value)[] States =
        [("active", ModelState.Active), ("inactive", ModelState.Inactive)];

    private static readonly (string Name, ModelAccessVisibility Value)[] Visibilities =
    [
        ("private", ModelAccessVisibility.Private),
        ("unlisted", ModelAccessVisibility.Unlisted),
        ("public", ModelAccessVisibility.Public),
        ("password", ModelAccessVisibility.Password),
    ];

    public static TextTermNode BarePhrase(SearchWord phrase) =>
        new(null, NonEmptyPhrase(phrase), IsPhrase: true, IsPrefix: false);

    public static SearchNode FieldTerm(SearchField field, SearchWord value) => SearchFields.KindOf(field) switch
    {
        SearchFieldKind.Text => new TextTermNode(field, NonEmptyPhrase(value), value.IsPhrase, value.IsPrefix),
        SearchFieldKind.Exact => new ExactTermNode(field, NonEmptyPhrase(value), value.IsPrefix),
        SearchFieldKind.Enum => new EnumTermNode(field, ParseEnum(field, value)),
        _ => value.IsStar ? new DateRangeNode(field, null, true, null, true) : SingleDate(field, value),
    };

    /// <summary>
    /// Builds a range; a bound is widened or narrowed by the span it stands for, so that with day-only dates
    /// <c>[2024-01-01 TO 2024-01-31]</c> includes all of 31 January and <c>{2024-01-01 TO ...</c> starts on the 2nd.
    /// </summary>
    public static DateRangeNode DateRange(
        SearchField field, SearchWord fromWord, bool fromInclusive, SearchWord toWord, bool toInclusive)
    {
        DateTimeOffset? from = null, to = null;
        bool fromIncl = true, toIncl = true;
        if (!fromWord.IsStar)
        {
            var date = ParseDate(fromWord);
            (from, fromIncl) = fromInclusive || date.IsInstant
                ? (date.Start, fromInclusive)
                : (date.End ?? DateTimeOffset.MaxValue, date.End is not null);
        }
        if (!toWord.IsStar)
        {
            var date = ParseDate(toWord);
            (to, toIncl) = toInclusive && !date.IsInstant ? (date.End, false) : (date.Start, toInclusive);
        }
        return new DateRangeNode(field, from, fromIncl, to, toIncl);
    }

    private static DateRangeNode SingleDate(SearchField field, SearchWord value)
    {
        var date = ParseDate(value);
        return date.IsInstant
            ? new DateRangeNode(field, date.Start, true, date.Start, true)
            : new DateRangeNode(field, date.Start, true, date.End, false);
    }

    private static SearchDate ParseDate(SearchWord word)
    {
        if (word.IsPrefix || !SearchDate.TryParse(word.Text, out var date))
        {
            throw SearchSyntaxException.At($"Invalid date {SearchSyntaxException.Echo(word.Raw)}", word.Start, SearchDate.Hint);
        }
        return date;
    }

    private static Enum ParseEnum(SearchField field, SearchWord value) => field == SearchField.State
        ? FindName(field, value, States)
        : FindName(field, value, Visibilities);

    private static TEnum FindName<TEnum>(SearchField field, SearchWord value, (string Name, TEnum Value)[] names)
        where TEnum : struct, Enum
    {
        if (!value.IsPrefix)
        {
            foreach (var (name, member) in names)
            {
                if (string.Equals(name, value.Text, StringComparison.OrdinalIgnoreCase))
                {
                    return member;
                }
            }
        }
        string accepted = string.Join(", ", names.Select(n => n.Name));
        throw SearchSyntaxException.At(
            $"Invalid {SearchFields.QueryName(field)} {SearchSyntaxException.Echo(value.Raw)}", value.Start,
            $"Use one of: {accepted}.");
    }

    private static string NonEmptyPhrase(SearchWord value) =>
        value.IsPhrase && value.Text.Length == 0
            ? throw SearchSyntaxException.At("Empty phrase", value.Start)
            : value.Text;
}
