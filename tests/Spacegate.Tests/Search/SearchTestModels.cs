using Spacegate.Server.Models;

namespace Spacegate.Tests.Search;

/// <summary>
/// Fifteen models chosen for the edges of each search construct: same-day timestamps on both sides of midnight,
/// internal ids differing only by case, LIKE wildcards and a backslash in text, null address parts, non-ASCII text.
/// </summary>
internal static class SearchTestModels
{
    public const string AccountId = "acct-search";
    public const string OtherAccountId = "acct-other";

    public static string[] AllIds => Create(AccountId).Select(m => m.Id).ToArray();

    public static List<Model> Create(string accountId) =>
    [
        M("k01", "Oak Kitchen", "Bright kitchen with oak floors", "ABC-100", ModelState.Active, ModelAccessVisibility.Private,
            "2024-01-01T00:00:00", "2024-03-01T09:00:00", "1 Rue de Rivoli", "Paris", "Ile-de-France", "75001", "FR"),
        M("k02", "Downtown Loft", "Open plan loft near the river", "abc-100", ModelState.Active, ModelAccessVisibility.Public,
            "2024-01-01T23:59:59", "2024-06-01T00:00:00", "22 Baker Street\nFlat 3", "London", "Greater London", "SW1A 1AA", "GB"),
        M("k03", "Seaside Villa", "Pool and kitchen garden", "XYZ_9", ModelState.Inactive, ModelAccessVisibility.Unlisted,
            "2024-01-02T00:00:00", "2024-01-02T00:00:00", "5 Promenade des Anglais", "Nice", "Provence", "06000", "FR"),
        M("k04", "Office 50% off", "Discount office space", null, ModelState.Active, ModelAccessVisibility.Password,
            "2023-12-31T23:59:59", "2024-02-01T00:00:00", "", null, null, null, null),
        M("k05", "Studio_A", "Recording studio", "AB", ModelState.Active, ModelAccessVisibility.Private,
            "2024-02-15T10:00:00", "2024-02-15T10:00:00", "Torstrasse 1", "Berlin", "Berlin", "10115", "DE"),
        M("k06", "Red Barn", @"Converted barn, see back\slash notes", "barn-1", ModelState.Inactive, ModelAccessVisibility.Public,
            "2024-05-05T12:30:00", "2025-01-01T00:00:00", "Rural Route 9", "Springfield", "Illinois", "62701", "US"),
        M("k07", "Roof Terrace", "Garden on the roof", "T-7", ModelState.Active, ModelAccessVisibility.Unlisted,
            "2024-07-01T00:00:00", "2024-07-01T00:00:00", "9 Kitchener Road", "Toronto", "Ontario", "M5V 2T6", "CA"),
        M("k08", "Studio Apartment", "Compact and quiet", "ABD", ModelState.Active, ModelAccessVisibility.Private,
            "2024-12-31T23:59:59", "2025-01-15T08:00:00", "12 Queen St", "Melbourne", "Victoria", "3000", "AU"),
        M("k09", "Café Corner", "Coffee shop interior", "ÉTÉ-1", ModelState.Active, ModelAccessVisibility.Public,
            "2025-01-01T00:00:00", "2025-01-01T00:00:00", "3 Place Bellecour", "Lyon", "Auvergne", "69002", "FR"),
        M("k10", "Warehouse", "Industrial space", null, ModelState.Inactive, ModelAccessVisibility.Private,
            "2023-06-01T00:00:00", "2023-06-01T00:00:00", "", "springfield", "Oregon", "97477", "us"),
        M("k11", "Plan House", "An open and airy plan", "H-11", ModelState.Active, ModelAccessVisibility.Private,
            "2024-03-10T00:00:00", "2024-03-10T00:00:00", "", "Oslo", null, "0150", "NO"),
        M("k12", "Attic", "", "atc", ModelState.Active, ModelAccessVisibility.Unlisted,
            "2024-08-08T08:08:08", "2024-08-08T08:08:08", "", null, "Bavaria", "80331", "DE"),
        M("k13", "Basement Gym", "Weights and mats", "GYM-13", ModelState.Active, ModelAccessVisibility.Private,
            "2024-01-01T12:00:00", "2024-01-01T12:00:00", "8 Rue Oberkampf", "Paris", "Ile-de-France", "75011", "FR"),
        M("k14", "Garage", "Two car garage", "G-14", ModelState.Active, ModelAccessVisibility.Password,
            "2024-09-09T09:09:09", "2024-09-09T09:09:09", "1 Congress Ave", "Austin", "Texas", "73301", "US"),
        M("k15", "Boathouse", "Boat storage by the lake", "B-15", ModelState.Inactive, ModelAccessVisibility.Public,
            "2024-10-10T10:10:10", "2024-11-11T11:11:11", "Lakeside 4", "Geneva", "Geneve", "1201", "CH"),
    ];

    /// <summary>A model of another account that matches nearly everything; the account filter must keep it out.</summary>
    public static Model Outsider() => M("x01", "Oak Kitchen Studio", "kitchen studio loft", "ABC-100", ModelState.Active,
        ModelAccessVisibility.Public, "2024-01-01T10:00:00", "2024-01-01T10:00:00", "Kitchen Lane", "Paris", "Paris",
        "75001", "FR", OtherAccountId);

    private static Model M(string id, string name, string description, string? internalId, ModelState state,
        ModelAccessVisibility visibility, string created, string modified, string street, string? locality,
        string? area, string? postalCode, string? countryCode, string accountId = AccountId) => new()
    {
        Id = id,
        AccountId = accountId,
        Name = name,
        Description = description,
        InternalId = internalId,
        State = state,
        AccessVisibility = visibility,
        Created = Utc(created),
        Modified = Utc(modified),
        Address = new ModelAddress
        {
            StreetAddressLines = street,
            Locality = locality,
            AdministrativeArea = area,
            PostalCode = postalCode,
            CountryCode = countryCode,
        },
    };

    // Stored with offset zero, as the server stores them (TimeProvider.GetUtcNow()).
    private static DateTimeOffset Utc(string value) =>
        DateTimeOffset.Parse(value + "Z", System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime();
}
