using System.Text.Json;
using System.Text.Json.Serialization;

namespace Spacegate.Server.Models.Scenes;

/// <summary>
/// The floor plan a model's scene, colormaps and bundle assets are generated from, stored as JSON in
/// <see cref="Model.FloorPlanJson"/>. Distances are metres. Seen from above, x grows to the east and z to
/// the south (so north is the smaller z, as at the top of the colormap); y is up in the 3D scene.
/// </summary>
public sealed record FloorPlan
{
    /// <summary>Total thickness of a wall between two rooms; each room owns the half on its side.</summary>
    public const double WallThickness = 0.15;

    /// <summary>Thickness of the floor slab under each room.</summary>
    public const double SlabThickness = 0.12;

    /// <summary>How far a door opening must stay from a wall's corners, so that jambs never cut a corner.</summary>
    public const double CornerClearance = 0.15;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public double CeilingHeight { get; init; } = 2.6;
    public double DoorHeight { get; init; } = 2.1;
    public IReadOnlyList<FloorPlanRoom> Rooms { get; init; } = [];
    public IReadOnlyList<FloorPlanDoor> Doors { get; init; } = [];

    public static double HalfWall => WallThickness / 2;

    /// <summary>Height of a level's finished floor: each level sits on the ceiling of the one below plus a slab.</summary>
    public double Elevation(int level) => level * (CeilingHeight + SlabThickness);

    [JsonIgnore]
    public IEnumerable<int> Levels => Rooms.Select(r => r.Level).Distinct().Order();

    public FloorPlanRoom? FindRoom(string? name) => name is null ? null : Rooms.FirstOrDefault(r => r.Name == name);

    /// <summary>The problems that make this plan unusable; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate() => FloorPlanValidator.Validate(this);

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a plan from JSON; malformed JSON is a <see cref="FormatException"/> (validation is separate).</summary>
    public static FloorPlan Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<FloorPlan>(json, JsonOptions) ?? throw new FormatException("The floor plan is null.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"The floor plan is not valid JSON: {e.Message}", e);
        }
    }
}

/// <summary>A rectangular room: its north-west corner at (<see cref="X"/>, <see cref="Z"/>), on floor <see cref="Level"/> (0 = ground).</summary>
public sealed record FloorPlanRoom(string Name, double X, double Z, double Width, double Depth, int Level = 0)
{
    [JsonIgnore]
    public double MaxX => X + Width;
    [JsonIgnore]
    public double MaxZ => Z + Depth;
    [JsonIgnore]
    public double Area => Width * Depth;

    /// <summary>Where a side lies: its fixed coordinate (z for north/south, x for east/west) and its extent along the other axis.</summary>
    public (double Line, double Start, double End) Side(WallSide side) => side switch
    {
        WallSide.North => (Z, X, MaxX),
        WallSide.South => (MaxZ, X, MaxX),
        WallSide.West => (X, Z, MaxZ),
        WallSide.East => (MaxX, Z, MaxZ),
        _ => throw new ArgumentOutOfRangeException(nameof(side)),
    };
}

/// <summary>
/// A door in one wall of <see cref="Room"/>: <see cref="Center"/> is measured along that wall from its start
/// (the west end of a north or south wall, the north end of an east or west wall). With <see cref="ToRoom"/>
/// it leads into the room on the other side of that wall; without, it leads outside.
/// </summary>
public sealed record FloorPlanDoor(string Room, WallSide Wall, double Center, double Width, string? ToRoom = null)
{
    /// <summary>The opening along the wall's axis, in plan coordinates.</summary>
    public (double Start, double End) Span(FloorPlanRoom room)
    {
        var start = room.Side(Wall).Start + Center;
        return (start - Width / 2, start + Width / 2);
    }
}
