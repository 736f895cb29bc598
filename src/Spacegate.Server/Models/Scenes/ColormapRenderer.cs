namespace Spacegate.Server.Models.Scenes;

/// <summary>A rendered PNG and its size in pixels.</summary>
public sealed record RenderedImage(byte[] Png, int Width, int Height);

/// <summary>
/// Draws the top-down "colormap" image of a floor plan: each room filled in its own colour, walls dark,
/// door openings left as gaps in the walls with the open leaf drawn in. Pure raster code, no image library.
/// </summary>
public static class ColormapRenderer
{
    public const double DefaultPixelsPerMetre = 40;

    public static readonly Rgb Background = new(246, 245, 241);
    public static readonly Rgb WallColor = new(45, 48, 56);
    public static readonly Rgb DoorColor = new(150, 96, 58);

    /// <summary>Pastel fills, one per room in plan order (repeating after eight rooms).</summary>
    public static IReadOnlyList<Rgb> RoomPalette { get; } =
    [
        new(244, 199, 171), new(174, 214, 241), new(190, 229, 176), new(248, 231, 160),
        new(215, 190, 230), new(169, 221, 214), new(245, 183, 200), new(214, 209, 180),
    ];

    public static Rgb RoomColor(FloorPlan plan, FloorPlanRoom room)
    {
        var index = 0;
        while (index < plan.Rooms.Count && !ReferenceEquals(plan.Rooms[index], room))
        {
            index++;
        }
        return RoomPalette[index % RoomPalette.Count];
    }

    /// <summary>The colormap of one level, or of every level side by side when <paramref name="level"/> is null.</summary>
    public static RenderedImage Render(FloorPlan plan, int? level = null, double pixelsPerMetre = DefaultPixelsPerMetre)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var projection = new ColormapProjection(plan, level, pixelsPerMetre);
        var canvas = new RgbCanvas(projection.Width, projection.Height, Background);
        foreach (var drawn in projection.Levels)
        {
            DrawLevel(canvas, projection, plan, drawn);
        }
        return new RenderedImage(canvas.ToPng(), canvas.Width, canvas.Height);
    }

    /// <summary>Scale of a preview at most: a small plan gets a small preview, never one larger than its colormap.</summary>
    public const double MaxPreviewPixelsPerMetre = DefaultPixelsPerMetre * 0.75;

    /// <summary>A small image of the whole plan that fits within <paramref name="maxWidth"/> × <paramref name="maxHeight"/>.</summary>
    public static RenderedImage RenderPreview(FloorPlan plan, int maxWidth = 320, int maxHeight = 240)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var metres = new ColormapProjection(plan, null, 1);
        // Slightly under the exact fit, so rounding up to whole pixels never exceeds the maximum.
        var scale = 0.999 * Math.Min(maxWidth / metres.WidthMetres, maxHeight / metres.HeightMetres);
        return Render(plan, null, Math.Clamp(scale, 1, MaxPreviewPixelsPerMetre));
    }

    private static void DrawLevel(RgbCanvas canvas, ColormapProjection p, FloorPlan plan, int level)
    {
        var rooms = plan.Rooms.Where(r => r.Level == level).ToList();
        foreach (var room in rooms)
        {
            canvas.FillRect(p.Px(level, room.X), p.Py(room.Z), p.Px(level, room.MaxX), p.Py(room.MaxZ), RoomColor(plan, room));
        }
        foreach (var room in rooms)
        {
            foreach (var wall in WallLayout.Walls(plan, room))
            {
                var (acrossMin, acrossMax) = wall.Across;
                foreach (var (start, end) in wall.SolidSpans())
                {
                    Rect(canvas, p, level, wall.Side.RunsAlongX(), start, end, acrossMin, acrossMax, WallColor);
                }
            }
        }
        foreach (var door in plan.Doors)
        {
            if (plan.FindRoom(door.Room) is { } room && room.Level == level)
            {
                DrawLeaf(canvas, p, plan, room, door);
            }
        }
    }

    /// <summary>The leaf standing open into the owning room, hinged at the opening's start, as in the 3D scene.</summary>
    private static void DrawLeaf(RgbCanvas canvas, ColormapProjection p, FloorPlan plan, FloorPlanRoom room, FloorPlanDoor door)
    {
        var (start, end) = door.Span(room);
        var face = room.Side(door.Wall).Line + door.Wall.Inward() * FloorPlan.HalfWall;
        var tip = face + door.Wall.Inward() * (end - start - 0.1);
        Rect(canvas, p, room.Level, door.Wall.RunsAlongX(), start + 0.05, start + 0.09, Math.Min(face, tip), Math.Max(face, tip), DoorColor);
    }

    /// <summary>Fills a rectangle given along and across a wall, at least two pixels thick so thin walls stay visible.</summary>
    private static void Rect(RgbCanvas canvas, ColormapProjection p, int level, bool alongX,
        double alongStart, double alongEnd, double acrossMin, double acrossMax, Rgb color)
    {
        var (x0, x1, y0, y1) = alongX
            ? (p.Px(level, alongStart), p.Px(level, alongEnd), p.Py(acrossMin), p.Py(acrossMax))
            : (p.Px(level, acrossMin), p.Px(level, acrossMax), p.Py(alongStart), p.Py(alongEnd));
        canvas.FillRect(x0, y0, Math.Max(x1, x0 + 2), Math.Max(y1, y0 + 2), color);
    }
}
