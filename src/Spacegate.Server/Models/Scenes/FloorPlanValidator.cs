using System.Globalization;

namespace Spacegate.Server.Models.Scenes;

/// <summary>
/// Checks a floor plan before geometry is built from it: a plan that passes always yields closed rooms
/// whose door openings lie inside walls, so the scene, colormap and bundle assets never need to guess.
/// </summary>
public static class FloorPlanValidator
{
    public const double MinRoomSize = 1.0;
    public const double MaxRoomSize = 200;
    public const int MaxRooms = 200;
    public const int MaxLevel = 20;
    private const double Epsilon = 1e-6;

    public static IReadOnlyList<string> Validate(FloorPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var errors = new List<string>();
        if (!(plan.CeilingHeight is >= 2.0 and <= 10.0))
        {
            errors.Add($"ceilingHeight must be between 2 and 10 m, not {F(plan.CeilingHeight)}.");
        }
        if (!(plan.DoorHeight >= 1.8 && plan.DoorHeight <= plan.CeilingHeight - 0.1))
        {
            errors.Add($"doorHeight must be at least 1.8 m and 0.1 m below the ceiling, not {F(plan.DoorHeight)}.");
        }
        if (plan.Rooms is null || plan.Rooms.Count == 0 || plan.Rooms.Count > MaxRooms)
        {
            errors.Add($"A floor plan has 1 to {MaxRooms} rooms.");
            return errors;
        }
        ValidateRooms(plan, errors);
        if (errors.Count == 0)
        {
            ValidateDoors(plan, errors);
        }
        return errors;
    }

    private static void ValidateRooms(FloorPlan plan, List<string> errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var room in plan.Rooms)
        {
            if (string.IsNullOrWhiteSpace(room.Name))
            {
                errors.Add("Every room needs a name.");
                continue;
            }
            if (!names.Add(room.Name))
            {
                errors.Add($"Room '{room.Name}' is named twice; room names are unique.");
            }
            if (!double.IsFinite(room.X) || !double.IsFinite(room.Z))
            {
                errors.Add($"Room '{room.Name}' has a position that is not a number.");
            }
            if (!(room.Width is >= MinRoomSize and <= MaxRoomSize) || !(room.Depth is >= MinRoomSize and <= MaxRoomSize))
            {
                errors.Add($"Room '{room.Name}' is {F(room.Width)} × {F(room.Depth)} m; width and depth must be between {F(MinRoomSize)} and {F(MaxRoomSize)} m.");
            }
            if (room.Level is < 0 or > MaxLevel)
            {
                errors.Add($"Room '{room.Name}' is on level {room.Level}; levels are 0 to {MaxLevel}.");
            }
        }
        for (var i = 0; i < plan.Rooms.Count; i++)
        {
            for (var j = i + 1; j < plan.Rooms.Count; j++)
            {
                var (a, b) = (plan.Rooms[i], plan.Rooms[j]);
                if (a.Level == b.Level && Overlap(a.X, a.MaxX, b.X, b.MaxX) > Epsilon && Overlap(a.Z, a.MaxZ, b.Z, b.MaxZ) > Epsilon)
                {
                    errors.Add($"Rooms '{a.Name}' and '{b.Name}' overlap.");
                }
            }
        }
    }

    private static void ValidateDoors(FloorPlan plan, List<string> errors)
    {
        var placed = new List<(FloorPlanDoor Door, int Level, bool AlongX, double Line, double Start, double End)>();
        foreach (var door in plan.Doors ?? [])
        {
            var room = plan.FindRoom(door.Room);
            if (room is null)
            {
                errors.Add($"A door is in room '{door.Room}', which is not in the plan.");
                continue;
            }
            if (!(door.Width is >= 0.5 and <= 5))
            {
                errors.Add($"The door in the {Name(door.Wall)} wall of '{room.Name}' is {F(door.Width)} m wide; doors are 0.5 to 5 m wide.");
                continue;
            }
            var side = room.Side(door.Wall);
            var (start, end) = door.Span(room);
            if (!double.IsFinite(start) || start < side.Start + FloorPlan.CornerClearance - Epsilon || end > side.End - FloorPlan.CornerClearance + Epsilon)
            {
                errors.Add($"The door in the {Name(door.Wall)} wall of '{room.Name}' (centre {F(door.Center)} m, width {F(door.Width)} m) " +
                    $"is not on that wall: it must lie within {F(FloorPlan.CornerClearance)} and {F(side.End - side.Start - FloorPlan.CornerClearance)} m along it.");
                continue;
            }
            var across = Across(plan, room, door.Wall, start, end);
            if (across is { Covers: false })
            {
                errors.Add($"The door in the {Name(door.Wall)} wall of '{room.Name}' crosses a corner of '{across.Value.Room.Name}'.");
                continue;
            }
            if (door.ToRoom is null && across is not null)
            {
                errors.Add($"The door in the {Name(door.Wall)} wall of '{room.Name}' opens into '{across.Value.Room.Name}'; name it in toRoom.");
                continue;
            }
            if (door.ToRoom is not null && across?.Room.Name != door.ToRoom)
            {
                errors.Add(plan.FindRoom(door.ToRoom) is null
                    ? $"The door from '{room.Name}' leads to '{door.ToRoom}', which is not in the plan."
                    : $"The door in the {Name(door.Wall)} wall of '{room.Name}' does not open into '{door.ToRoom}': " +
                      "that room must be on the same level, on the other side of that wall, along the whole door width.");
                continue;
            }
            foreach (var other in placed)
            {
                if (other.Level == room.Level && other.AlongX == door.Wall.RunsAlongX() && Math.Abs(other.Line - side.Line) < Epsilon
                    && Overlap(other.Start, other.End, start, end) > -Epsilon)
                {
                    errors.Add($"The door in the {Name(door.Wall)} wall of '{room.Name}' overlaps the door of '{other.Door.Room}'.");
                }
            }
            placed.Add((door, room.Level, door.Wall.RunsAlongX(), side.Line, start, end));
        }
    }

    /// <summary>
    /// The room on the other side of <paramref name="wall"/> of <paramref name="room"/> where the span
    /// [<paramref name="start"/>, <paramref name="end"/>] meets it, and whether its wall covers the whole span
    /// with corner clearance; null when the span opens outside.
    /// </summary>
    internal static (FloorPlanRoom Room, bool Covers)? Across(FloorPlan plan, FloorPlanRoom room, WallSide wall, double start, double end)
    {
        var line = room.Side(wall).Line;
        foreach (var other in plan.Rooms)
        {
            if (ReferenceEquals(other, room) || other.Level != room.Level)
            {
                continue;
            }
            var side = other.Side(wall.Opposite());
            if (Math.Abs(side.Line - line) < Epsilon && Overlap(side.Start, side.End, start, end) > Epsilon)
            {
                var covers = start >= side.Start + FloorPlan.CornerClearance - Epsilon && end <= side.End - FloorPlan.CornerClearance + Epsilon;
                return (other, covers);
            }
        }
        return null;
    }

    private static double Overlap(double a0, double a1, double b0, double b1) => Math.Min(a1, b1) - Math.Max(a0, b0);

    private static string Name(WallSide side) => side.ToString().ToLowerInvariant();

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
