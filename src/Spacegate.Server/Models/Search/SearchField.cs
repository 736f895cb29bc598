namespace Spacegate.Server.Models.Search;

/// <summary>A model field that can be named in a search query (<c>field:value</c>).</summary>
public enum SearchField
{
    Name,
    Description,
    InternalId,
    State,
    AccessVisibility,
    Created,
    Modified,
    AddressLocality,
    AddressPostalCode,
    AddressCountryCode,
}

/// <summary>How a field's values are written and matched.</summary>
public enum SearchFieldKind
{
    /// <summary>Case-insensitive substring (name, description, address.locality).</summary>
    Text,

    /// <summary>Whole value, or prefix with a trailing <c>*</c> (internalId, address.postalCode, address.countryCode).</summary>
    Exact,

    /// <summary>One of a fixed set of names (state, accessVisibility).</summary>
    Enum,

    /// <summary>An ISO-8601 date or a range of them (created, modified).</summary>
    Date,
}

/// <summary>The catalogue of searchable fields: their query names and kinds.</summary>
public static class SearchFields
{
    private static readonly (string Name, SearchField Field, SearchFieldKind Kind)[] Catalogue =
    [
        ("name", SearchField.Name, SearchFieldKind.Text),
        ("description", SearchField.Description, SearchFieldKind.Text),
        ("internalId", SearchField.InternalId, SearchFieldKind.Exact),
        ("state", SearchField.State, SearchFieldKind.Enum),
        ("accessVisibility", SearchField.AccessVisibility, SearchFieldKind.Enum),
        ("created", SearchField.Created, SearchFieldKind.Date),
        ("modified", SearchField.Modified, SearchFieldKind.Date),
        ("address.locality", SearchField.AddressLocality, SearchFieldKind.Text),
        ("address.postalCode", SearchField.AddressPostalCode, SearchFieldKind.Exact),
        ("address.countryCode", SearchField.AddressCountryCode, SearchFieldKind.Exact),
    ];

    /// <summary>Every field's query name, in catalogue order.</summary>
    public static IEnumerable<string> QueryNames => Catalogue.Select(e => e.Name);

    /// <summary>Finds a field by its query name; case-insensitive so <c>internalid:</c> works too.</summary>
    public static bool TryFind(string name, out SearchField field)
    {
        foreach (var entry in Catalogue)
        {
            if (string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                field = entry.Field;
                return true;
            }
        }
        field = default;
        return false;
    }

    /// <summary>The name used in queries and error messages, e.g. <c>address.postalCode</c>.</summary>
    public static string QueryName(SearchField field) => Entry(field).Name;

    public static SearchFieldKind KindOf(SearchField field) => Entry(field).Kind;

    private static (string Name, SearchField Field, SearchFieldKind Kind) Entry(SearchField field) =>
        Array.Find(Catalogue, e => e.Field == field) is { Name: not null } found
            ? found
            : throw new ArgumentOutOfRangeException(nameof(field), field, "Not a searchable field.");
}
