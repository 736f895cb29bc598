using Spacegate.Server.Models;
using Spacegate.Server.Models.Search;

namespace Spacegate.Tests.Search;

/// <summary>
/// The documented meaning of a parsed query, evaluated in memory: the reference the SQL translation is compared
/// against. Case folding is ASCII-only, as SQLite's LIKE does it; in the PostgreSQL pass it folds every letter, as ILIKE
/// does under the test cluster's C.UTF-8 locale.
/// </summary>
internal static class SearchOracle
{
    public static string[] Filter(IEnumerable<Model> models, SearchNode node) =>
        models.Where(m => Matches(node, m)).Select(m => m.Id).Order(StringComparer.Ordinal).ToArray();

    public static bool Matches(SearchNode node, Model model) => node switch
    {
        MatchAllNode => true,
        AndNode and => Matches(and.Left, model) && Matches(and.Right, model),
        OrNode or => Matches(or.Left, model) || Matches(or.Right, model),
        NotNode not => !Matches(not.Operand, model),
        TextTermNode { Field: null } text => BareWordColumns(model).Any(column => Contains(column, text.Text)),
        TextTermNode text => text.Text.Length == 0
            ? !string.IsNullOrEmpty(Column(model, text.Field.Value))
            : Contains(Column(model, text.Field.Value), text.Text),
        ExactTermNode exact => MatchesExact(exact, Column(model, exact.Field)),
        EnumTermNode { Field: SearchField.State } e => e.Value.Equals(model.State),
        EnumTermNode e => e.Value.Equals(model.AccessVisibility),
        DateRangeNode range => InRange(range, range.Field == SearchField.Created ? model.Created : model.Modified),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, null),
    };

    private static bool MatchesExact(ExactTermNode term, string? value)
    {
        if (value is null)
        {
            return false;
        }
        if (term.IsPrefix && term.Value.Length == 0)
        {
            return value.Length > 0;
        }
        bool caseSensitive = term.Field == SearchField.InternalId;
        string actual = caseSensitive ? value : Fold(value);
        string wanted = caseSensitive ? term.Value : Fold(term.Value);
        return term.IsPrefix ? actual.StartsWith(wanted, StringComparison.Ordinal) : actual == wanted;
    }

    private static bool InRange(DateRangeNode range, DateTimeOffset value)
    {
        if (range.From is { } from && (range.FromInclusive ? value < from : value <= from))
        {
            return false;
        }
        return range.To is not { } to || (range.ToInclusive ? value <= to : value < to);
    }

    private static bool Contains(string? column, string text) =>
        column is not null && Fold(column).Contains(Fold(text), StringComparison.Ordinal);

    private static IEnumerable<string?> BareWordColumns(Model m) =>
        [m.Name, m.Description, m.Address.StreetAddressLines, m.Address.Locality, m.Address.AdministrativeArea, m.Address.PostalCode];

    private static string? Column(Model m, SearchField field) => field switch
    {
        SearchField.Name => m.Name,
        SearchField.Description => m.Description,
        SearchField.InternalId => m.InternalId,
        SearchField.AddressLocality => m.Address.Locality,
        SearchField.AddressPostalCode => m.Address.PostalCode,
        SearchField.AddressCountryCode => m.Address.CountryCode,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    private static string Fold(string text) =>
        SearchDatabase.Dialect == SearchDialect.PostgreSql ? text.ToLowerInvariant() : FoldAsciiOnly(text);

    private static string FoldAsciiOnly(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is >= 'A' and <= 'Z' ? (char)(source[i] + 32) : source[i];
            }
        });
}
