using System.Numerics;
using System.Text.Json.Nodes;

namespace Spacegate.Server.Models.Scenes;

/// <summary>
/// Builds a model's 3D scene (glTF 2.0 binary) from its floor plan: one node per room, named after it,
/// whose mesh has a floor slab, the room's half walls with door openings cut out (a lintel above each
/// opening), and a frame and an open leaf for each door the room owns. The scene's extras carry the
/// overall bounds so a viewer can frame the camera without walking the accessors.
/// </summary>
public static class SceneBuilder
{
    public const string FloorMaterial = "Floor";
    public const string WallMaterial = "Wall";
    public const string DoorMaterial = "Door";

    private const double FrameWidth = 0.05;
    private const double FrameOverhang = 0.01;
    private const double LeafThickness = 0.04;

    public static byte[] Build(FloorPlan plan, string sceneName = "Floor plan")
    {
        ArgumentNullException.ThrowIfNull(plan);
        var errors = plan.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("The floor plan is not valid: " + string.Join(" ", errors), nameof(plan));
        }

        var writer = new GlbWriter();
        var floorMaterial = writer.AddMaterial(FloorMaterial, new Vector4(0.60f, 0.44f, 0.29f, 1), 0f, 0.65f);
        var wallMaterial = writer.AddMaterial(WallMaterial, new Vector4(0.93f, 0.92f, 0.89f, 1), 0f, 0.9f);
        var doorMaterial = writer.AddMaterial(DoorMaterial, new Vector4(0.42f, 0.26f, 0.15f, 1), 0f, 0.55f);

        var nodes = new List<int>();
        foreach (var room in plan.Rooms)
        {
            var elevation = plan.Elevation(room.Level);
            var floor = new MeshBuilder();
            floor.AddBox(V(room.X, elevation - FloorPlan.SlabThickness, room.Z), V(room.MaxX, elevation, room.MaxZ));

            var walls = new MeshBuilder();
            foreach (var wall in WallLayout.Walls(plan, room))
            {
                AddWall(walls, plan, wall, elevation);
            }

            var doors = new MeshBuilder();
            foreach (var door in plan.Doors.Where(d => d.Room == room.Name))
            {
                AddDoor(doors, plan, room, door, elevation);
            }

            var mesh = writer.AddMesh(room.Name, [(floor, floorMaterial), (walls, wallMaterial), (doors, doorMaterial)]);
            nodes.Add(writer.AddNode(room.Name, mesh, new JsonObject
            {
                ["level"] = room.Level,
                ["width"] = room.Width,
                ["depth"] = room.Depth,
            }));
        }
        return writer.ToGlb(sceneName, nodes, SceneExtras(plan));
    }

    private static void AddWall(MeshBuilder mesh, FloorPlan plan, RoomWall wall, double elevation)
    {
        var alongX = wall.Side.RunsAlongX();
        var (acrossMin, acrossMax) = wall.Across;
        foreach (var (start, end) in wall.SolidSpans())
        {
            Box(mesh, alongX, start, end, acrossMin, acrossMax, elevation, elevation + plan.CeilingHeight);
        }
        foreach (var opening in wall.Openings)
        {
            Box(mesh, alongX, opening.Start, opening.End, acrossMin, acrossMax, elevation + plan.DoorHeight, elevation + plan.CeilingHeight);
        }
    }

    /// <summary>A frame through the whole wall, and a leaf standing open at 90° into the room that owns the door.</summary>
    private static void AddDoor(MeshBuilder mesh, FloorPlan plan, FloorPlanRoom room, FloorPlanDoor door, double elevation)
    {
        var alongX = door.Wall.RunsAlongX();
        var line = room.Side(door.Wall).Line;
        var inward = door.Wall.Inward();
        var face = line + inward * FloorPlan.HalfWall;
        var back = door.ToRoom is null ? line : line - inward * FloorPlan.HalfWall;
        var acrossMin = Math.Min(face, back) - FrameOverhang;
        var acrossMax = Math.Max(face, back) + FrameOverhang;
        var (start, end) = door.Span(room);
        var top = elevation + plan.DoorHeight;

        Box(mesh, alongX, start, start + FrameWidth, acrossMin, acrossMax, elevation, top);
        Box(mesh, alongX, end - FrameWidth, end, acrossMin, acrossMax, elevation, top);
        Box(mesh, alongX, start + FrameWidth, end - FrameWidth, acrossMin, acrossMax, top - FrameWidth, top);

        var hinge = start + FrameWidth;
        var leafWidth = end - start - 2 * FrameWidth - 0.01;
        var leafEnd = face + inward * leafWidth;
        Box(mesh, alongX, hinge, hinge + LeafThickness, Math.Min(face, leafEnd), Math.Max(face, leafEnd),
            elevation + 0.01, top - FrameWidth - 0.005);
    }

    /// <summary>An axis-aligned box given along and across a wall: along x for north/south walls, along z otherwise.</summary>
    private static void Box(MeshBuilder mesh, bool alongX, double alongStart, double alongEnd, double acrossMin, double acrossMax, double y0, double y1)
    {
        if (alongX)
        {
            mesh.AddBox(V(alongStart, y0, acrossMin), V(alongEnd, y1, acrossMax));
        }
        else
        {
            mesh.AddBox(V(acrossMin, y0, alongStart), V(acrossMax, y1, alongEnd));
        }
    }

    private static JsonObject SceneExtras(FloorPlan plan)
    {
        var minX = plan.Rooms.Min(r => r.X);
        var minZ = plan.Rooms.Min(r => r.Z);
        var maxX = plan.Rooms.Max(r => r.MaxX);
        var maxZ = plan.Rooms.Max(r => r.MaxZ);
        var minY = plan.Rooms.Min(r => plan.Elevation(r.Level)) - FloorPlan.SlabThickness;
        var maxY = plan.Rooms.Max(r => plan.Elevation(r.Level)) + plan.CeilingHeight;
        return new JsonObject
        {
            ["bounds"] = new JsonObject
            {
                ["min"] = new JsonArray((float)minX, (float)minY, (float)minZ),
                ["max"] = new JsonArray((float)maxX, (float)maxY, (float)maxZ),
            },
            ["ceilingHeight"] = plan.CeilingHeight,
            ["levels"] = plan.Levels.Count(),
        };
    }

    private static Vector3 V(double x, double y, double z) => new((float)x, (float)y, (float)z);
}
