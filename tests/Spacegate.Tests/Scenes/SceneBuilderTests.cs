using System.Numerics;
using System.Text;
using Spacegate.Server.Models.Scenes;
using Xunit;

namespace Spacegate.Tests.Scenes;

public sealed class SceneBuilderTests
{
    private static readonly GlbFile Scene = GlbFile.Parse(SceneBuilder.Build(TestPlans.Flat(), "Test flat"));

    [Fact]
    public void Build_Container_IsGlb2WithPaddedAlignedChunks()
    {
        var glb = SceneBuilder.Build(TestPlans.Flat());
        var file = GlbFile.Parse(glb); // magic, version, total length, chunk types and 4-byte lengths
        Assert.Equal(0, glb.Length % 4);
        var text = Encoding.UTF8.GetString(file.RawJsonChunk);
        var json = text.TrimEnd(' ');
        Assert.StartsWith("{", json);
        Assert.EndsWith("}", json);
        Assert.InRange(text.Length - json.Length, 0, 3); // padded with spaces, and only up to the next 4-byte boundary
        Assert.Equal("2.0", file.Json.GetProperty("asset").GetProperty("version").GetString());
        Assert.Equal(file.Bin.Length, file.Section("buffers")[0].GetProperty("byteLength").GetInt32());
        Assert.False(file.Section("buffers")[0].TryGetProperty("uri", out _)); // the GLB-stored buffer has no uri
    }

    [Fact]
    public void Build_EveryAccessor_LiesInsideItsBufferViewAndTheBuffer()
    {
        var views = Scene.Section("bufferViews");
        foreach (var view in views.EnumerateArray())
        {
            var offset = view.GetProperty("byteOffset").GetInt32();
            Assert.Equal(0, view.GetProperty("buffer").GetInt32());
            Assert.Equal(0, offset % 4);
            Assert.True(offset + view.GetProperty("byteLength").GetInt32() <= Scene.Bin.Length);
            if (view.TryGetProperty("byteStride", out var stride))
            {
                Assert.InRange(stride.GetInt32(), 4, 252);
                Assert.Equal(0, stride.GetInt32() % 4);
                Assert.NotEqual(34963, view.GetProperty("target").GetInt32()); // never on index views
            }
        }
        foreach (var accessor in Scene.Section("accessors").EnumerateArray())
        {
            var componentType = accessor.GetProperty("componentType").GetInt32();
            var size = componentType switch { 5126 => 4, 5125 => 4, 5123 => 2, _ => throw new Xunit.Sdk.XunitException($"componentType {componentType}") };
            var components = accessor.GetProperty("type").GetString() switch { "VEC3" => 3, "SCALAR" => 1, var t => throw new Xunit.Sdk.XunitException(t) };
            var view = views[accessor.GetProperty("bufferView").GetInt32()];
            var start = accessor.TryGetProperty("byteOffset", out var o) ? o.GetInt32() : 0;
            Assert.Equal(0, start % size);
            Assert.True(start + accessor.GetProperty("count").GetInt32() * size * components <= view.GetProperty("byteLength").GetInt32());
        }
    }

    [Fact]
    public void Build_PositionMinMax_MatchTheVertexData()
    {
        var meshes = Scene.Section("meshes").EnumerateArray().SelectMany(m => m.GetProperty("primitives").EnumerateArray());
        foreach (var primitive in meshes)
        {
            var index = primitive.GetProperty("attributes").GetProperty("POSITION").GetInt32();
            var accessor = Scene.Section("accessors")[index];
            var positions = Scene.ReadVec3(index);
            var min = accessor.GetProperty("min").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            var max = accessor.GetProperty("max").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            Assert.Equal([positions.Min(p => p.X), positions.Min(p => p.Y), positions.Min(p => p.Z)], min);
            Assert.Equal([positions.Max(p => p.X), positions.Max(p => p.Y), positions.Max(p => p.Z)], max);
        }
    }

    [Fact]
    public void Build_Triangles_IndexExistingVerticesAndFaceTheirNormals()
    {
        foreach (var primitive in Scene.Primitives())
        {
            Assert.Equal(primitive.Positions.Length, primitive.Normals.Length);
            Assert.Equal(0, primitive.Indices.Length % 3);
            Assert.All(primitive.Indices, i => Assert.InRange(i, 0, primitive.Positions.Length - 1));
            Assert.All(primitive.Normals, n => Assert.Equal(1f, n.Length(), 4));
            for (var t = 0; t < primitive.Indices.Length; t += 3)
            {
                var (a, b, c) = (primitive.Positions[primitive.Indices[t]], primitive.Positions[primitive.Indices[t + 1]], primitive.Positions[primitive.Indices[t + 2]]);
                // Counter-clockwise seen from the normal's side: what renderers treat as the front face.
                Assert.True(Vector3.Dot(Vector3.Cross(b - a, c - a), primitive.Normals[primitive.Indices[t]]) > 0);
            }
        }
    }

    [Fact]
    public void Build_Nodes_OnePerRoomNamedAfterItWithDistinctMaterials()
    {
        var plan = TestPlans.Flat();
        var nodes = Scene.Section("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()).ToList();
        Assert.Equal(plan.Rooms.Select(r => r.Name), nodes);
        var sceneNodes = Scene.Section("scenes")[Scene.Json.GetProperty("scene").GetInt32()].GetProperty("nodes").EnumerateArray().Select(n => n.GetInt32());
        Assert.Equal(Enumerable.Range(0, nodes.Count), sceneNodes);

        var materials = Scene.Section("materials").EnumerateArray().ToList();
        Assert.Equal([SceneBuilder.FloorMaterial, SceneBuilder.WallMaterial, SceneBuilder.DoorMaterial], materials.Select(m => m.GetProperty("name").GetString()));
        var colours = materials.Select(m => m.GetProperty("pbrMetallicRoughness").GetProperty("baseColorFactor").GetRawText()).ToHashSet();
        Assert.Equal(3, colours.Count);

        var byRoom = Scene.Primitives().GroupBy(p => p.Node).ToDictionary(g => g.Key, g => g.Select(p => p.Material).ToList());
        Assert.Equal([SceneBuilder.FloorMaterial, SceneBuilder.WallMaterial, SceneBuilder.DoorMaterial], byRoom["Living room"]); // owns the three doors
        Assert.Equal([SceneBuilder.FloorMaterial, SceneBuilder.WallMaterial], byRoom["Kitchen"]);
    }

    [Fact]
    public void Build_SceneBounds_CoverEveryRoomFromSlabToCeiling()
    {
        var bounds = Scene.Section("scenes")[0].GetProperty("extras").GetProperty("bounds");
        Assert.Equal([0f, -(float)FloorPlan.SlabThickness, 0f], bounds.GetProperty("min").EnumerateArray().Select(v => v.GetSingle()));
        Assert.Equal([8f, 2.6f, 7.5f], bounds.GetProperty("max").EnumerateArray().Select(v => v.GetSingle()));
    }

    [Fact]
    public void Build_DoorOpenings_RemoveWallWhereTheDoorsAre()
    {
        var open = Scene.Primitives().Where(p => p.Material == SceneBuilder.WallMaterial).ToList();
        var closed = GlbFile.Parse(SceneBuilder.Build(TestPlans.Flat(doors: false))).Primitives().Where(p => p.Material == SceneBuilder.WallMaterial).ToList();
        Assert.True(Area(open) < Area(closed) - 3 * 0.9 * 2.1, $"wall area {Area(open)} with doors, {Area(closed)} without");

        // A walk through each door at 1 m high crosses no wall, while the closed plan's walls block every path.
        (Vector3 From, Vector3 To)[] walks =
        [
            (new(4.7f, 1, 2), new(5.3f, 1, 2)), // living room → kitchen
            (new(2, 1, 3.7f), new(2, 1, 4.3f)), // living room → bedroom
            (new(2.5f, 1, 0.3f), new(2.5f, 1, -0.3f)), // front door
        ];
        foreach (var (from, to) in walks)
        {
            Assert.False(Crosses(open, from, to), $"a wall blocks the door between {from} and {to}");
            Assert.True(Crosses(closed, from, to), $"the closed plan has no wall between {from} and {to}");
        }
    }

    [Fact]
    public void Build_UpperLevel_SitsOnTheCeilingOfTheOneBelow()
    {
        var plan = FloorPlanGenerator.Generate(["Living room", "Kitchen", "Bedroom", "Bathroom"], seed: 5, levels: 2);
        var scene = GlbFile.Parse(SceneBuilder.Build(plan));
        var upper = plan.Rooms.First(r => r.Level == 1);
        var floor = scene.Primitives().Single(p => p.Node == upper.Name && p.Material == SceneBuilder.FloorMaterial);
        Assert.Equal((float)(plan.CeilingHeight + FloorPlan.SlabThickness), floor.Positions.Max(p => p.Y), 4);
        Assert.Equal((float)plan.CeilingHeight, floor.Positions.Min(p => p.Y), 4);
    }

    [Fact]
    public void Build_InvalidPlan_ThrowsWithTheProblem()
    {
        var plan = TestPlans.Flat() with { Doors = [new FloorPlanDoor("Kitchen", WallSide.East, 9, 0.9)] };
        var error = Assert.Throws<ArgumentException>(() => SceneBuilder.Build(plan));
        Assert.Contains("is not on that wall", error.Message);
    }

    private static double Area(IEnumerable<GlbFile.Primitive> primitives) => primitives.Sum(p =>
        Enumerable.Range(0, p.Indices.Length / 3).Sum(t =>
        {
            var (a, b, c) = (p.Positions[p.Indices[3 * t]], p.Positions[p.Indices[3 * t + 1]], p.Positions[p.Indices[3 * t + 2]]);
            return Vector3.Cross(b - a, c - a).Length() / 2.0;
        }));

    /// <summary>Whether the segment from → to passes through any triangle (Möller–Trumbore).</summary>
    private static bool Crosses(IEnumerable<GlbFile.Primitive> primitives, Vector3 from, Vector3 to)
    {
        var direction = to - from;
        foreach (var p in primitives)
        {
            for (var t = 0; t < p.Indices.Length; t += 3)
            {
                var (a, b, c) = (p.Positions[p.Indices[t]], p.Positions[p.Indices[t + 1]], p.Positions[p.Indices[t + 2]]);
                var (e1, e2) = (b - a, c - a);
                var h = Vector3.Cross(direction, e2);
                var det = Vector3.Dot(e1, h);
                if (MathF.Abs(det) < 1e-7f)
                {
                    continue;
                }
                var s = from - a;
                var u = Vector3.Dot(s, h) / det;
                var q = Vector3.Cross(s, e1);
                var v = Vector3.Dot(direction, q) / det;
                var along = Vector3.Dot(e2, q) / det;
                if (u >= 0 && v >= 0 && u + v <= 1 && along is >= 0 and <= 1)
                {
                    return true;
                }
            }
        }
        return false;
    }
}
