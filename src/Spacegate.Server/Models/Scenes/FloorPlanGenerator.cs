namespace Spacegate.Server.Models.Scenes;

/// <summary>
/// Generates plausible floor plans: a rectangular footprint cut into rooms by repeated splits of the
/// largest room, doors along a spanning tree of rooms that share enough wall (so every room can be
/// reached), and a front door on the ground floor. The same seed always gives the same plan.
/// </summary>
public static class FloorPlanGenerator
{
    public const int MaxRooms = 24;
    private const double MinRoomSide = 2.2;
    private const int Attempts = 64;

    /// <summary>Names for homes, from the room usually largest to the smallest.</summary>
    public static IReadOnlyList<string> HomeRoomNames { get; } =
    [
        "Living room", "Kitchen", "Main bedroom", "Dining room", "Bedroom 2", "Study", "Bathroom", "Hallway",
        "Bedroom 3", "Utility room", "Guest WC", "Walk-in closet",
    ];

    /// <summary>A home of <paramref name="rooms"/> rooms on one level.</summary>
    public static FloorPlan Generate(int rooms, int seed)
    {
        if (rooms is < 1 or > MaxRooms)
        {
            throw new ArgumentOutOfRangeException(nameof(rooms), $"A generated plan has 1 to {MaxRooms} rooms.");
        }
        var names = Enumerable.Range(0, rooms).Select(i => i < HomeRoomNames.Count ? HomeRoomNames[i] : $"Room {i + 1}").ToList();
        return Generate(names, seed);
    }

    /// <summary>
    /// A plan with one room per name, ordered from the largest room to the smallest, spread over
    /// <paramref name="levels"/> levels that share one footprint (the first names on the ground floor).
    /// </summary>
    public static FloorPlan Generate(IReadOnlyList<string> roomNames, int seed, int levels = 1, double averageRoomArea = 16)
    {
        ArgumentNullException.ThrowIfNull(roomNames);
        if (roomNames.Count is < 1 or > MaxRooms || levels < 1 || levels > roomNames.Count || !(averageRoomArea is >= 6 and <= 400))
        {
            throw new ArgumentOutOfRangeException(nameof(roomNames), $"Give 1 to {MaxRooms} room names, at most one level per room, and an average room area of 6 to 400 m².");
        }
        var perLevel = (int)Math.Ceiling(roomNames.Count / (double)levels);
        var groups = roomNames.Chunk(perLevel).ToList();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            // Not HashCode.Combine: it is randomised per process, and a seed must give the same plan every run.
            var random = new Random(unchecked(seed * 7919 + attempt));
            if (TryGenerate(groups, random, averageRoomArea) is { } plan && plan.Validate().Count == 0)
            {
                return plan;
            }
        }
        throw new InvalidOperationException($"No valid plan was found for {roomNames.Count} rooms (seed {seed}).");
    }

    private static FloorPlan? TryGenerate(List<string[]> groups, Random random, double averageRoomArea)
    {
        var area = groups[0].Length * averageRoomArea * Between(random, 0.85, 1.15);
        var aspect = Between(random, 1.15, 1.7);
        var width = Round(Math.Sqrt(area * aspect));
        var depth = Round(area / width);
        var rooms = new List<FloorPlanRoom>();
        var doors = new List<FloorPlanDoor>();
        for (var level = 0; level < groups.Count; level++)
        {
            var cells = Split(width, depth, groups[level].Length, random);
            if (cells is null)
            {
                return null;
            }
            var levelRooms = cells.OrderByDescending(c => c.W * c.D)
                .Select((c, i) => new FloorPlanRoom(groups[level][i], c.X, c.Z, c.W, c.D, level)).ToList();
            var levelDoors = ConnectRooms(levelRooms);
            if (levelDoors is null)
            {
                return null;
            }
            if (level == 0 && FrontDoor(levelRooms, width, depth) is { } front)
            {
                levelDoors.Insert(0, front);
            }
            rooms.AddRange(levelRooms);
            doors.AddRange(levelDoors);
        }
        double[] ceilings = [2.5, 2.6, 2.7, 2.8];
        return new FloorPlan { CeilingHeight = ceilings[random.Next(ceilings.Length)], Rooms = rooms, Doors = doors };
    }

    /// <summary>Cuts the footprint into <paramref name="count"/> cells by splitting the largest splittable cell across its longer side.</summary>
    private static List<(double X, double Z, double W, double D)>? Split(double width, double depth, int count, Random random)
    {
        var cells = new List<(double X, double Z, double W, double D)> { (0, 0, width, depth) };
        while (cells.Count < count)
        {
            var split = false;
            foreach (var cell in cells.OrderByDescending(c => c.W * c.D).ToList())
            {
                var alongX = cell.W >= cell.D;
                var length = alongX ? cell.W : cell.D;
                if (length < 2 * MinRoomSide)
                {
                    continue;
                }
                var cut = Math.Clamp(Round(length * Between(random, 0.38, 0.62)), MinRoomSide, Round(length - MinRoomSide));
                cells.Remove(cell);
                cells.Add(alongX ? (cell.X, cell.Z, cut, cell.D) : (cell.X, cell.Z, cell.W, cut));
                cells.Add(alongX ? (Round(cell.X + cut), cell.Z, Round(cell.W - cut), cell.D) : (cell.X, Round(cell.Z + cut), cell.W, Round(cell.D - cut)));
                split = true;
                break;
            }
            if (!split)
            {
                return null;
            }
        }
        return cells;
    }

    /// <summary>Doors along a breadth-first spanning tree from the largest room; null when some room shares too little wall to be reached.</summary>
    private static List<FloorPlanDoor>? ConnectRooms(List<FloorPlanRoom> rooms)
    {
        var doors = new List<FloorPlanDoor>();
        var reached = new HashSet<FloorPlanRoom> { rooms[0] };
        var queue = new Queue<FloorPlanRoom>([rooms[0]]);
        while (queue.TryDequeue(out var from))
        {
            foreach (var to in rooms.Where(r => !reached.Contains(r)).ToList())
            {
                var width = Math.Min(from.Area, to.Area) < 6 ? 0.8 : 0.9;
                if (SharedWall(from, to, width) is { } shared)
                {
                    doors.Add(new FloorPlanDoor(from.Name, shared.Side, Round(shared.Center - from.Side(shared.Side).Start), width, to.Name));
                    reached.Add(to);
                    queue.Enqueue(to);
                }
            }
        }
        return reached.Count == rooms.Count ? doors : null;
    }

    private static (WallSide Side, double Center)? SharedWall(FloorPlanRoom from, FloorPlanRoom to, double doorWidth)
    {
        foreach (var side in WallSides.All)
        {
            var mine = from.Side(side);
            var theirs = to.Side(side.Opposite());
            var start = Math.Max(mine.Start, theirs.Start);
            var end = Math.Min(mine.End, theirs.End);
            if (Math.Abs(mine.Line - theirs.Line) < 1e-6 && end - start >= doorWidth + 2 * FloorPlan.CornerClearance + 0.2)
            {
                return (side, (start + end) / 2);
            }
        }
        return null;
    }

    /// <summary>A 1 m front door in the middle of the largest room's longest outside wall.</summary>
    private static FloorPlanDoor? FrontDoor(List<FloorPlanRoom> rooms, double width, double depth)
    {
        foreach (var room in rooms)
        {
            var outside = WallSides.All
                .Select(side => (Side: side, Extent: room.Side(side)))
                .Where(s => Near(s.Extent.Line, 0) || Near(s.Extent.Line, s.Side.RunsAlongX() ? depth : width))
                .Where(s => s.Extent.End - s.Extent.Start >= 1.0 + 2 * FloorPlan.CornerClearance + 0.2)
                .OrderByDescending(s => s.Extent.End - s.Extent.Start)
                .ToList();
            if (outside.Count > 0)
            {
                var (side, extent) = outside[0];
                return new FloorPlanDoor(room.Name, side, Round((extent.End - extent.Start) / 2), 1.0);
            }
        }
        return null;
    }

    private static bool Near(double a, double b) => Math.Abs(a - b) < 1e-6;

    private static double Between(Random random, double min, double max) => min + random.NextDouble() * (max - min);

    private static double Round(double metres) => Math.Round(metres, 1);
}
