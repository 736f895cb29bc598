using Spacegate.Server.Models;
using Spacegate.Server.Models.Scenes;

namespace Spacegate.Server.Seeding;

/// <summary>
/// Makes realistic-looking models in bulk, for benchmarks of search over large accounts: varied names,
/// descriptions, addresses, dates, states and visibilities, but no files or bundles (a shared floor plan
/// only), so that a hundred thousand can be inserted quickly. Never password-protected: a shared known
/// password would be a weakness, and hashing one per model would take minutes.
/// </summary>
public sealed class SyntheticModels
{
    private static readonly string[] Streets =
    [
        "Maple", "Oak", "Cedar", "Elm", "Willow", "Birch", "Harbor", "River", "Lake", "Hill", "Park", "Church", "Station", "Mill",
        "Market", "Bridge", "Garden", "Orchard", "Meadow", "Highland", "Sunset", "Chestnut", "Spruce", "Victoria", "King", "Queen",
        "Albert", "Canal", "Forest", "Ocean",
    ];

    private static readonly string[] StreetTypes = ["Street", "Avenue", "Lane", "Road", "Drive", "Court", "Place", "Way", "Terrace", "Boulevard"];

    private static readonly string[] Kinds =
    [
        "studio apartment", "1-bed apartment", "2-bed apartment", "3-bed townhouse", "detached family home", "loft", "penthouse",
        "cottage", "office suite", "retail unit", "warehouse", "co-working space", "restaurant", "clinic", "showroom",
    ];

    private static readonly string[] Features =
    [
        "a south-facing garden", "an open-plan kitchen", "a roof terrace", "original fireplaces", "underfloor heating",
        "harbour views", "off-street parking", "a renovated bathroom", "floor-to-ceiling windows", "a private courtyard",
        "exposed brick", "a home office", "level access", "fibre broadband", "a walk-in pantry", "solar panels",
    ];

    /// <summary>Locality, administrative area, postal code pattern ('#' a digit, 'A' a letter) and country.</summary>
    private static readonly (string Locality, string Area, string Postal, string Country)[] Places =
    [
        ("Springfield", "IL", "627##", "US"), ("Seattle", "WA", "981##", "US"), ("Austin", "TX", "787##", "US"),
        ("Portland", "OR", "972##", "US"), ("Denver", "CO", "802##", "US"), ("Boston", "MA", "021##", "US"),
        ("Chicago", "IL", "606##", "US"), ("London", "England", "SW# #AA", "GB"), ("Manchester", "England", "M## #AA", "GB"),
        ("Bristol", "England", "BS# #AA", "GB"), ("Edinburgh", "Scotland", "EH# #AA", "GB"), ("Paris", "Île-de-France", "750##", "FR"),
        ("Lyon", "Auvergne-Rhône-Alpes", "6900#", "FR"), ("Berlin", "Berlin", "10###", "DE"), ("Munich", "Bavaria", "80###", "DE"),
        ("Toronto", "ON", "M#A #A#", "CA"), ("Vancouver", "BC", "V#A #A#", "CA"), ("Sydney", "NSW", "2###", "AU"),
        ("Melbourne", "VIC", "3###", "AU"), ("Amsterdam", "North Holland", "10## AA", "NL"),
    ];

    private readonly string _accountId;
    private readonly DateTimeOffset _now;
    private readonly Random _random;
    private readonly string _batchTag;
    private readonly string _floorPlanJson = FloorPlanGenerator.Generate(4, 1).ToJson();

    /// <param name="batchTag">Part of every internal id, so that repeated runs never collide (internal ids are unique per account).</param>
    public SyntheticModels(string accountId, DateTimeOffset now, int seed, string batchTag)
    {
        _accountId = accountId;
        _now = now;
        _random = new Random(seed);
        _batchTag = batchTag;
    }

    public Model Create(int index)
    {
        var number = _random.Next(1, 2400);
        var street = $"{Pick(Streets)} {Pick(StreetTypes)}";
        var kind = Pick(Kinds);
        var place = Pick(Places);
        var created = _now - TimeSpan.FromMinutes(_random.Next(0, 3 * 365 * 24 * 60));
        var modified = created + (_now - created) * _random.NextDouble();
        var roll = _random.Next(100);
        return new Model
        {
            AccountId = _accountId,
            Name = $"{number} {street}, {kind}",
            Description = $"A {kind} in {place.Locality} with {Pick(Features)} and {Pick(Features)}.",
            InternalId = $"BULK-{_batchTag}-{index:D7}",
            Created = created,
            Modified = modified,
            State = roll < 90 ? ModelState.Active : ModelState.Inactive,
            AccessVisibility = (roll % 10) switch
            {
                < 5 => ModelAccessVisibility.Private,
                < 7 => ModelAccessVisibility.Unlisted,
                _ => ModelAccessVisibility.Public,
            },
            Address = new ModelAddress
            {
                StreetAddressLines = $"{number} {street}",
                Locality = place.Locality,
                AdministrativeArea = place.Area,
                PostalCode = PostalCode(place.Postal),
                CountryCode = place.Country,
            },
            FloorPlanJson = _floorPlanJson,
        };
    }

    private string PostalCode(string pattern) => string.Create(pattern.Length, pattern, (chars, p) =>
    {
        for (var i = 0; i < p.Length; i++)
        {
            chars[i] = p[i] switch
            {
                '#' => (char)('0' + _random.Next(10)),
                'A' => (char)('A' + _random.Next(26)),
                var c => c,
            };
        }
    });

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
