using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Spacegate.Tests.Scenes;

/// <summary>Reads a GLB back for tests, asserting the container rules of glTF 2.0 as it goes.</summary>
internal sealed class GlbFile
{
    public required JsonElement Json { get; init; }
    public required byte[] Bin { get; init; }
    public required int JsonChunkLength { get; init; }
    public required byte[] RawJsonChunk { get; init; }

    public sealed record Primitive(string Node, string Material, Vector3[] Positions, Vector3[] Normals, int[] Indices);

    public static GlbFile Parse(byte[] glb)
    {
        Assert.True(glb.Length >= 20, "too short for a GLB");
        Assert.Equal("glTF", Encoding.ASCII.GetString(glb, 0, 4));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(4)));
        Assert.Equal((uint)glb.Length, BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(8)));

        var jsonLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(12));
        Assert.Equal("JSON", Encoding.ASCII.GetString(glb, 16, 4));
        Assert.Equal(0, jsonLength % 4);
        var rawJson = glb.AsSpan(20, jsonLength).ToArray();
        var json = JsonDocument.Parse(Encoding.UTF8.GetString(rawJson).TrimEnd(' ')).RootElement;

        var bin = Array.Empty<byte>();
        var at = 20 + jsonLength;
        if (at < glb.Length)
        {
            var binLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(at));
            Assert.Equal(0, binLength % 4);
            Assert.Equal(new byte[] { (byte)'B', (byte)'I', (byte)'N', 0 }, glb.AsSpan(at + 4, 4).ToArray());
            Assert.Equal(glb.Length, at + 8 + binLength);
            bin = glb.AsSpan(at + 8, binLength).ToArray();
        }
        return new GlbFile { Json = json, Bin = bin, JsonChunkLength = jsonLength, RawJsonChunk = rawJson };
    }

    public JsonElement Section(string name) => Json.GetProperty(name);

    public ReadOnlySpan<byte> AccessorBytes(int accessor, out JsonElement info)
    {
        info = Section("accessors")[accessor];
        var view = Section("bufferViews")[info.GetProperty("bufferView").GetInt32()];
        var offset = view.GetProperty("byteOffset").GetInt32() + (info.TryGetProperty("byteOffset", out var o) ? o.GetInt32() : 0);
        return Bin.AsSpan(offset, view.GetProperty("byteLength").GetInt32());
    }

    public Vector3[] ReadVec3(int accessor)
    {
        var bytes = AccessorBytes(accessor, out var info);
        Assert.Equal(5126, info.GetProperty("componentType").GetInt32());
        Assert.Equal("VEC3", info.GetProperty("type").GetString());
        var count = info.GetProperty("count").GetInt32();
        var result = new Vector3[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = new Vector3(
                BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 12)..]),
                BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 12 + 4)..]),
                BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 12 + 8)..]));
        }
        return result;
    }

    public int[] ReadIndices(int accessor)
    {
        var bytes = AccessorBytes(accessor, out var info);
        Assert.Equal("SCALAR", info.GetProperty("type").GetString());
        var count = info.GetProperty("count").GetInt32();
        var componentType = info.GetProperty("componentType").GetInt32();
        Assert.Contains(componentType, new[] { 5123, 5125 });
        var result = new int[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = componentType == 5123
                ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 2)..])
                : (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[(i * 4)..]);
        }
        return result;
    }

    public IEnumerable<Primitive> Primitives()
    {
        var materials = Section("materials");
        foreach (var node in Section("nodes").EnumerateArray())
        {
            var mesh = Section("meshes")[node.GetProperty("mesh").GetInt32()];
            foreach (var primitive in mesh.GetProperty("primitives").EnumerateArray())
            {
                var attributes = primitive.GetProperty("attributes");
                yield return new Primitive(
                    node.GetProperty("name").GetString()!,
                    materials[primitive.GetProperty("material").GetInt32()].GetProperty("name").GetString()!,
                    ReadVec3(attributes.GetProperty("POSITION").GetInt32()),
                    ReadVec3(attributes.GetProperty("NORMAL").GetInt32()),
                    ReadIndices(primitive.GetProperty("indices").GetInt32()));
            }
        }
    }
}
