using Spacegate.Server.Models;
using Spacegate.Server.Models.Bundles;
using static Spacegate.Server.Models.BundleAvailability;
using static Spacegate.Server.Models.ModelAccessVisibility;
using static Spacegate.Server.Models.ModelState;

namespace Spacegate.Server.Seeding;

/// <summary>A postal address of a demo model.</summary>
public sealed record DemoAddress(IReadOnlyList<string> Lines, string Locality, string AdministrativeArea, string PostalCode, string CountryCode);

/// <summary>
/// One demo model. Its floor plan is generated from <see cref="Rooms"/> (largest room first) and
/// <see cref="Seed"/>, so it is the same on every installation; <see cref="CreatedDaysAgo"/> and
/// <see cref="ModifiedDaysAgo"/> are counted back from the clock at seeding.
/// </summary>
public sealed record DemoModel(
    string Id,
    string AccountId,
    string Name,
    string Description,
    string InternalId,
    ModelState State,
    ModelAccessVisibility Visibility,
    DemoAddress Address,
    IReadOnlyList<string> Rooms,
    int Seed,
    int Levels,
    double AverageRoomArea,
    int CreatedDaysAgo,
    int ModifiedDaysAgo,
    IReadOnlyDictionary<string, BundleAvailability> Bundles);

/// <summary>
/// The dozen demo models of the sandbox, with fixed ids so that documentation and examples can use them.
/// Together they cover every visibility, both states and every bundle availability.
/// </summary>
public static class DemoModels
{
    private static IReadOnlyDictionary<string, BundleAvailability> Bundles(BundleAvailability matterPak, BundleAvailability e57, BundleAvailability schematic) =>
        new Dictionary<string, BundleAvailability> { [BundleCatalog.MatterPak] = matterPak, [BundleCatalog.E57] = e57, [BundleCatalog.Schematic] = schematic };

    public static readonly DemoModel MapleStreet = new("0lR8acRYSi4", DemoData.AcmeAccountId,
        "1428 Maple Street Craftsman Bungalow",
        "Restored 1924 craftsman bungalow with original oak floors, a sunlit dining room and a renovated kitchen. Walk the whole ground floor before the open house.",
        "ACME-1001", Active, Public, new(["1428 Maple Street"], "Springfield", "IL", "62704", "US"),
        ["Living room", "Kitchen", "Main bedroom", "Dining room", "Bedroom 2", "Bathroom", "Hallway"], 1001, 1, 16, 412, 12,
        Bundles(Unlocked, Locked, Locked));

    public static readonly DemoModel HarborViewLoft = new("MDF8kWCBX1K", DemoData.AcmeAccountId,
        "Harbor View Loft, Unit 5B",
        "Converted warehouse loft with exposed brick, tall factory windows and views over Elliott Bay. Shared by link with shortlisted buyers only.",
        "ACME-1002", Active, Unlisted, new(["88 Harbor Way", "Unit 5B"], "Seattle", "WA", "98121", "US"),
        ["Open-plan living", "Bedroom", "Bathroom", "Walk-in closet"], 1002, 1, 20, 305, 40,
        Bundles(Locked, Unavailable, Unlocked));

    public static readonly DemoModel OakRidgeRanch = new("peZUaLJ4d8j", DemoData.AcmeAccountId,
        "Oak Ridge Ranch House",
        "Single-storey ranch on a half-acre lot: three bedrooms, a family kitchen and a study. Capture awaiting the seller's approval.",
        "ACME-1003", Active, Private, new(["5120 Oak Ridge Drive"], "Austin", "TX", "78731", "US"),
        ["Family room", "Kitchen", "Main bedroom", "Bedroom 2", "Study", "Bathroom"], 1003, 1, 18, 96, 3,
        Bundles(Locked, Locked, Locked));

    public static readonly DemoModel SunsetStudio = new("OCs4bWYTI6w", DemoData.AcmeAccountId,
        "Sunset Studio Apartment",
        "Compact studio a block from the Walk of Fame, fully furnished. Viewing is password protected for registered applicants.",
        "ACME-1004", Active, Password, new(["6250 Sunset Boulevard", "Apt 12"], "Los Angeles", "CA", "90028", "US"),
        ["Studio", "Kitchenette", "Bathroom"], 1004, 1, 11, 230, 18,
        Bundles(Unlocked, Unlocked, Unlocked));

    public static readonly DemoModel WillowCreekTownhouse = new("LqeeHq1PkCJ", DemoData.AcmeAccountId,
        "Willow Creek Townhouse",
        "Two-storey end-of-terrace townhouse: open living and dining downstairs, three bedrooms and a family bathroom upstairs.",
        "ACME-1005", Active, Public, new(["17 Willow Creek Court"], "Portland", "OR", "97209", "US"),
        ["Living room", "Kitchen", "Dining room", "Hallway", "Main bedroom", "Bedroom 2", "Bedroom 3", "Bathroom"], 1005, 2, 15, 180, 7,
        Bundles(Locked, Locked, Unavailable));

    public static readonly DemoModel PinecrestCottage = new("VuoYqLRqrxZ", DemoData.AcmeAccountId,
        "Pinecrest Cottage (sold)",
        "Stone cottage with a wood-burning stove and a garden room. Sold in the spring; kept for the agency's archive.",
        "ACME-1006", Inactive, Private, new(["9 Pinecrest Lane"], "Asheville", "NC", "28801", "US"),
        ["Sitting room", "Kitchen", "Garden room", "Bedroom", "Bathroom"], 1006, 1, 14, 540, 150,
        Bundles(Unlocked, Unavailable, Locked));

    public static readonly DemoModel RiversideDuplex = new("KiGvbtcj7bs", DemoData.AcmeAccountId,
        "Riverside Duplex, Unit A",
        "Lower unit of a riverside duplex with a private patio. Listing withdrawn while the owner renovates the kitchen.",
        "ACME-1007", Inactive, Unlisted, new(["402 Riverside Boulevard", "Unit A"], "Sacramento", "CA", "95814", "US"),
        ["Living room", "Kitchen", "Bedroom", "Bedroom 2", "Bathroom"], 1007, 1, 15, 365, 60,
        Bundles(Unavailable, Locked, Locked));

    public static readonly DemoModel GlobexHouseOffices = new("HXDYzEzVMGP", DemoData.GlobexAccountId,
        "Globex House, Third Floor Offices",
        "Fitted third-floor office suite for 60 desks with a board room, meeting rooms and a staff kitchen. Internal facilities record.",
        "GLX-LDN-003", Active, Private, new(["Globex House", "25 Finsbury Circus", "Third floor"], "London", "England", "EC2M 7EB", "GB"),
        ["Open office", "Reception", "Board room", "Meeting room", "Staff kitchen", "Director's office", "Server room", "Washrooms"], 2001, 1, 26, 270, 5,
        Bundles(Unlocked, Unlocked, Locked));

    public static readonly DemoModel KingswayRetail = new("Bnu3mY2lhm1", DemoData.GlobexAccountId,
        "Kingsway Retail Unit 12",
        "Ground-floor retail unit with a glazed frontage onto Kingsway, a stockroom and staff facilities. To let.",
        "GLX-MAN-012", Active, Public, new(["Unit 12, Kingsway Arcade", "14 Kingsway"], "Manchester", "England", "M19 2LL", "GB"),
        ["Sales floor", "Stockroom", "Staff room"], 2002, 1, 30, 150, 21,
        Bundles(Locked, Unavailable, Unlocked));

    public static readonly DemoModel RueDeRivoli = new("2FPzmV4eAk5", DemoData.GlobexAccountId,
        "Rue de Rivoli Pied-à-terre",
        "Haussmann-era apartment on the fourth floor overlooking the Tuileries, with a salon, a separate kitchen and one bedroom. Corporate let; password protected.",
        "GLX-PAR-112", Active, Password, new(["112 Rue de Rivoli"], "Paris", "Île-de-France", "75001", "FR"),
        ["Salon", "Chambre", "Cuisine", "Entrée", "Salle de bains"], 2003, 1, 14, 120, 9,
        Bundles(Locked, Locked, Locked));

    public static readonly DemoModel HarboursideCoworking = new("M7ByFgDcEW7", DemoData.GlobexAccountId,
        "Harbourside Co-working Hub",
        "Flexible workspace on the harbour with hot desks, an event space and bookable meeting pods. Shared with members by link.",
        "GLX-BRS-007", Active, Unlisted, new(["Harbourside Wharf", "7 Canons Way"], "Bristol", "England", "BS1 5TX", "GB"),
        ["Hot desks", "Event space", "Meeting pod", "Kitchen", "Quiet room", "Lockers"], 2004, 1, 22, 75, 2,
        Bundles(Unlocked, Locked, Unavailable));

    public static readonly DemoModel OldMillWarehouse = new("AKW3gc3FnJx", DemoData.GlobexAccountId,
        "Old Mill Warehouse Conversion",
        "Grade II listed mill building awaiting conversion: warehouse floor, loading bay, workshop and site office. Project on hold.",
        "GLX-LDS-001", Inactive, Private, new(["Old Mill", "Water Lane"], "Leeds", "England", "LS11 5WD", "GB"),
        ["Warehouse floor", "Loading bay", "Workshop", "Site office"], 2005, 1, 45, 620, 200,
        Bundles(Unavailable, Unavailable, Locked));

    public static IReadOnlyList<DemoModel> All { get; } =
    [
        MapleStreet, HarborViewLoft, OakRidgeRanch, SunsetStudio, WillowCreekTownhouse, PinecrestCottage, RiversideDuplex,
        GlobexHouseOffices, KingswayRetail, RueDeRivoli, HarboursideCoworking, OldMillWarehouse,
    ];
}
