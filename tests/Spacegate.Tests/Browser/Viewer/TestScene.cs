using System.Buffers.Binary;
using System.Text.Json;

namespace Spacegate.Tests.Browser.Viewer;

/// <summary>
/// A small valid glTF binary for viewer tests: a floor slab and three boxes in clearly different
/// colours (red, green, blue), so a rendered frame has several distinct non-background colours.
/// </summary>
public static class TestScene
{
    private sealed record Box(string Name, float[] Center, float[] Size, int Material);

    private static readonly (string Name, float[] Rgba)[] Materials =
    [
        ("floor", [0.80f, 0.74f, 0.62f, 1f]),
        ("red", [0.85f, 0.10f, 0.08f, 1f]),
        ("green", [0.10f, 0.70f, 0.15f, 1f]),
        ("blue", [0.10f, 0.25f, 0.90f, 1f]),
    ];

    private static readonly Box[] Boxes =
    [
        new("floor", [0f, -0.05f, 0f], [6f, 0.1f, 4f], 0),
        new("red", [-1.8f, 0.75f, 0f], [1.2f, 1.5f, 1.2f], 1),
        new("green", [0f, 1f, -1.2f], [1.2f, 2f, 1.2f], 2),
        new("blue", [1.8f, 0.5f, 0.6f], [1.2f, 1f, 1.2f], 3),
    ];

    // Each face: outward normal and the two axes spanning it (counter-clockwise seen from outside).
    private static readonly (int[] Normal, int[] U, int[] V)[] Faces =
    [
        ([1, 0, 0], [0, 0, -1], [0, 1, 0]),
        ([-1, 0, 0], [0, 0, 1], [0, 1, 0]),
        ([0, 1, 0], [1, 0, 0], [0, 0, -1]),
        ([0, -1, 0], [1, 0, 0], [0, 0, 1]),
        ([0, 0, 1], [1, 0, 0], [0, 1, 0]),
        ([0, 0, -1], [-1, 0, 0], [0, 1, 0]),
    ];

    public static byte[] Build()
    {
        var bin = new MemoryStream();
        var bufferViews = new List<object>();
        var accessors = new List<object>();
        var meshes = new List<object>();
        var nodes = new List<object>();

        foreach (var box in Boxes)
        {
            var (positions, normals, indices) = Geometry(box);
            var position = AddAccessor(bin, bufferViews, accessors, Floats(positions), 34962, 5126, positions.Length / 3, "VEC3",
                Bounds(positions));
            var normal = AddAccessor(bin, bufferViews, accessors, Floats(normals), 34962, 5126, normals.Length / 3, "VEC3", null);
            var index = AddAccessor(bin, bufferViews, accessors, Shorts(indices), 34963, 5123, indices.Length, "SCALAR", null);
            meshes.Add(new
            {
                name = box.Name,
                primitives = new[] { new { attributes = new Dictionary<string, int> { ["POSITION"] = position, ["NORMAL"] = normal }, indices = index, material = box.Material } },
            });
            nodes.Add(new { name = box.Name, mesh = meshes.Count - 1 });
        }

        var gltf = new
        {
            asset = new { version = "2.0", generator = "Spacegate viewer tests" },
            scene = 0,
            scenes = new[] { new { nodes = Enumerable.Range(0, nodes.Count).ToArray() } },
            nodes,
            meshes,
            materials = Materials.Select(m => new { name = m.Name, pbrMetallicRoughness = new { baseColorFactor = m.Rgba, metallicFactor = 0f, roughnessFactor = 0.8f } }),
            buffers = new[] { new { byteLength = (int)bin.Length } },
            bufferViews,
            accessors,
        };
        return Pack(JsonSerializer.SerializeToUtf8Bytes(gltf), bin.ToArray());
    }

    private static (float[] Positions, float[] Normals, ushort[] Indices) Geometry(Box box)
    {
        var positions = new List<float>();
        var normals = new List<float>();
        var indices = new List<ushort>();
        foreach (var (n, u, v) in Faces)
        {
            var start = (ushort)(positions.Count / 3);
            foreach (var (su, sv) in new[] { (-1, -1), (1, -1), (1, 1), (-1, 1) })
            {
                for (var axis = 0; axis < 3; axis++)
                {
                    var unit = n[axis] + su * u[axis] + sv * v[axis]; // a corner of the unit cube, in -1..1
                    positions.Add(box.Center[axis] + unit * box.Size[axis] / 2);
                    normals.Add(n[axis]);
                }
            }
            indices.AddRange([start, (ushort)(start + 1), (ushort)(start + 2), start, (ushort)(start + 2), (ushort)(start + 3)]);
        }
        return ([.. positions], [.. normals], [.. indices]);
    }

    private static (float[] Min, float[] Max) Bounds(float[] xyz)
    {
        var min = new[] { float.MaxValue, float.MaxValue, float.MaxValue };
        var max = new[] { float.MinValue, float.MinValue, float.MinValue };
        for (var i = 0; i < xyz.Length; i++)
        {
            min[i % 3] = Math.Min(min[i % 3], xyz[i]);
            max[i % 3] = Math.Max(max[i % 3], xyz[i]);
        }
        return (min, max);
    }

    private static int AddAccessor(MemoryStream bin, List<object> bufferViews, List<object> accessors, byte[] data, int target,
        int componentType, int count, string type, (float[] Min, float[] Max)? bounds)
    {
        while (bin.Length % 4 != 0)
        {
            bin.WriteByte(0);
        }
        bufferViews.Add(new { buffer = 0, byteOffset = (int)bin.Length, byteLength = data.Length, target });
        bin.Write(data);
        accessors.Add(bounds is { } b
            ? new { bufferView = bufferViews.Count - 1, componentType, count, type, min = b.Min, max = b.Max }
            : (object)new { bufferView = bufferViews.Count - 1, componentType, count, type });
        return accessors.Count - 1;
    }

    private static byte[] Floats(float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }
        return bytes;
    }

    private static byte[] Shorts(ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        }
        return bytes;
    }

    /// <summary>GLB container: header, JSON chunk padded with spaces, BIN chunk padded with zeros.</summary>
    private static byte[] Pack(byte[] json, byte[] bin)
    {
        var jsonPadded = Pad(json, (byte)' ');
        var binPadded = Pad(bin, 0);
        var output = new MemoryStream();
        void Write(uint value)
        {
            Span<byte> word = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(word, value);
            output.Write(word);
        }
        Write(0x46546C67); // "glTF"
        Write(2);
        Write((uint)(12 + 8 + jsonPadded.Length + 8 + binPadded.Length));
        Write((uint)jsonPadded.Length);
        Write(0x4E4F534A); // "JSON"
        output.Write(jsonPadded);
        Write((uint)binPadded.Length);
        Write(0x004E4942); // "BIN\0"
        output.Write(binPadded);
        return output.ToArray();
    }

    private static byte[] Pad(byte[] data, byte filler)
    {
        var padded = new byte[(data.Length + 3) / 4 * 4];
        data.CopyTo(padded, 0);
        padded.AsSpan(data.Length).Fill(filler);
        return padded;
    }
}
