namespace Spacegate.Server.Models.Scenes;

/// <summary>A door opening in a wall, along the wall's axis in plan coordinates.</summary>
public sealed record WallOpening(double Start, double End, FloorPlanDoor Door);

/// <summary>
/// The half wall that one room owns on one side: it lies between the side's line and
/// <see cref="Inner"/> (half a wall thickness into the room), so two neighbours' halves meet back to back
/// and form one full wall. North and south walls run the room's full width; east and west walls stop at
/// them, so corners are not built twice.
/// </summary>
public sealed record RoomWall(FloorPlanRoom Room, WallSide Side, double Line, double Start, double End, IReadOnlyList<WallOpening> Openings)
{
    /// <summary>The coordinate of the wall's face inside the room.</summary>
    public double Inner => Line + Side.Inward() * FloorPlan.HalfWall;

    /// <summary>Lowest and highest coordinate the half wall covers across its line.</summary>
    public (double Min, double Max) Across => Line < Inner ? (Line, Inner) : (Inner, Line);

    /// <summary>The full-height pieces of the wall: its extent minus the openings, in order.</summary>
    public IReadOnlyList<(double Start, double End)> SolidSpans()
    {
        var spans = new List<(double, double)>();
        var cursor = Start;
        foreach (var opening in Openings.OrderBy(o => o.Start))
        {
            if (opening.Start > cursor)
            {
                spans.Add((cursor, opening.Start));
            }
            cursor = Math.Max(cursor, opening.End);
        }
        if (End > cursor)
        {
            spans.Add((cursor, End));
        }
        return spans;
    }
}

/// <summary>Lays out the walls of a validated floor plan; the scene, colormap, schematic and point cloud all draw from it.</summary>
public static class WallLayout
{
    public static IReadOnlyList<RoomWall> Walls(FloorPlan plan, FloorPlanRoom room)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(room);
        var walls = new List<RoomWall>(4);
        foreach (var side in WallSides.All)
        {
            var (line, start, end) = room.Side(side);
            if (!side.RunsAlongX())
            {
                start += FloorPlan.HalfWall;
                end -= FloorPlan.HalfWall;
            }
            walls.Add(new RoomWall(room, side, line, start, end, Openings(plan, room, side)));
        }
        return walls;
    }

    /// <summary>The doors cut into this side of the room: its own doors on that side, and its neighbours' doors into it.</summary>
    private static List<WallOpening> Openings(FloorPlan plan, FloorPlanRoom room, WallSide side)
    {
        var openings = new List<WallOpening>();
        foreach (var door in plan.Doors)
        {
            var owner = door.Room == room.Name && door.Wall == side;
            var leadsHere = door.ToRoom == room.Name && door.Wall.Opposite() == side;
            if ((owner || leadsHere) && plan.FindRoom(door.Room) is { } from)
            {
                var (start, end) = door.Span(from);
                openings.Add(new WallOpening(start, end, door));
            }
        }
        return openings;
    }
}
