using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;

namespace Spacegate.Server.Models.Scenes;

/// <summary>
/// Writes a glTF 2.0 binary (GLB): a 12-byte header, a JSON chunk padded with spaces and one BIN chunk
/// padded with zeros, every chunk and buffer view starting on a 4-byte boundary. Vertex data is tightly
/// packed (no byteStride), which the specification allows for attributes and requires for indices.
/// </summary>
public sealed class GlbWriter
{
    private const uint Magic = 0x46546C67; // "glTF"
    private const uint JsonChunk = 0x4E4F534A; // "JSON"
    private const uint BinChunk = 0x004E4942; // "BIN\0"
    private const int ArrayBuffer = 34962;
    private const int ElementArrayBuffer = 34963;
    private const int Float = 5126;
    private const int UnsignedShort = 5123;
    private const int UnsignedInt = 5125;

    private readonly MemoryStream _bin = new();
    private readonly JsonArray _bufferViews = [];
    private readonly JsonArray _accessors = [];
    private readonly JsonArray _materials = [];
    private readonly JsonArray _meshes = [];
    private readonly JsonArray _nodes = [];

    /// <summary>Adds a metallic-roughness PBR material; returns its index.</summary>
    public int AddMaterial(string name, Vector4 baseColor, float metallic, float roughness)
    {
        _materials.Add(new JsonObject
        {
            ["name"] = name,
            ["pbrMetallicRoughness"] = new JsonObject
            {
                ["baseColorFactor"] = new JsonArray(baseColor.X, baseColor.Y, baseColor.Z, baseColor.W),
                ["metallicFactor"] = metallic,
                ["roughnessFactor"] = roughness,
            },
        });
        return _materials.Count - 1;
    }

    /// <summary>Adds a mesh of triangle primitives (empty ones are skipped); returns its index.</summary>
    public int AddMesh(string name, IEnumerable<(MeshBuilder Mesh, int Material)> primitives)
    {
        var list = new JsonArray();
        foreach (var (mesh, material) in primitives.Where(p => !p.Mesh.IsEmpty))
        {
            list.Add(new JsonObject
            {
                ["attributes"] = new JsonObject
                {
                    ["POSITION"] = AddVec3(mesh.Positions, withBounds: true),
                    ["NORMAL"] = AddVec3(mesh.Normals, withBounds: false),
                },
                ["indices"] = AddIndices(mesh.Indices, mesh.Positions.Count),
                ["material"] = material,
                ["mode"] = 4, // triangles
            });
        }
        if (list.Count == 0)
        {
            throw new InvalidOperationException($"Mesh '{name}' has no triangles.");
        }
        _meshes.Add(new JsonObject { ["name"] = name, ["primitives"] = list });
        return _meshes.Count - 1;
    }

    /// <summary>Adds a node showing <paramref name="mesh"/>; returns its index.</summary>
    public int AddNode(string name, int mesh, JsonObject? extras = null)
    {
        var node = new JsonObject { ["name"] = name, ["mesh"] = mesh };
        if (extras is not null)
        {
            node["extras"] = extras;
        }
        _nodes.Add(node);
        return _nodes.Count - 1;
    }

    /// <summary>The GLB file of one scene whose root nodes are <paramref name="rootNodes"/>.</summary>
    public byte[] ToGlb(string sceneName, IEnumerable<int> rootNodes, JsonObject? sceneExtras = null)
    {
        var scene = new JsonObject { ["name"] = sceneName, ["nodes"] = new JsonArray([.. rootNodes.Select(n => JsonValue.Create(n))]) };
        if (sceneExtras is not null)
        {
            scene["extras"] = sceneExtras;
        }
        var root = new JsonObject
        {
            ["asset"] = new JsonObject { ["version"] = "2.0", ["generator"] = "Spacegate scene builder" },
            ["scene"] = 0,
            ["scenes"] = new JsonArray(scene),
        };
        AddIfAny(root, "nodes", _nodes);
        AddIfAny(root, "meshes", _meshes);
        AddIfAny(root, "materials", _materials);
        AddIfAny(root, "accessors", _accessors);
        AddIfAny(root, "bufferViews", _bufferViews);
        if (_bin.Length > 0)
        {
            root["buffers"] = new JsonArray(new JsonObject { ["byteLength"] = _bin.Length });
        }

        var json = Encoding.UTF8.GetBytes(root.ToJsonString());
        var jsonLength = Align(json.Length);
        var binLength = (int)_bin.Length;
        var total = 12 + 8 + jsonLength + (binLength > 0 ? 8 + binLength : 0);
        var glb = new byte[total];
        var span = glb.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], 2);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)total);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)jsonLength);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], JsonChunk);
        json.CopyTo(span[20..]);
        span.Slice(20 + json.Length, jsonLength - json.Length).Fill((byte)' ');
        if (binLength > 0)
        {
            var at = 20 + jsonLength;
            BinaryPrimitives.WriteUInt32LittleEndian(span[at..], (uint)binLength);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 4)..], BinChunk);
            _bin.GetBuffer().AsSpan(0, binLength).CopyTo(span[(at + 8)..]);
        }
        return glb;
    }

    private int AddVec3(IReadOnlyList<Vector3> values, bool withBounds)
    {
        var data = new float[values.Count * 3];
        var (min, max) = (new Vector3(float.MaxValue), new Vector3(float.MinValue));
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            (data[i * 3], data[i * 3 + 1], data[i * 3 + 2]) = (v.X, v.Y, v.Z);
            min = Vector3.Min(min, v);
            max = Vector3.Max(max, v);
        }
        var view = AddView(MemoryMarshal.AsBytes(data.AsSpan()), ArrayBuffer);
        var accessor = new JsonObject { ["bufferView"] = view, ["componentType"] = Float, ["count"] = values.Count, ["type"] = "VEC3" };
        if (withBounds)
        {
            accessor["min"] = new JsonArray(min.X, min.Y, min.Z);
            accessor["max"] = new JsonArray(max.X, max.Y, max.Z);
        }
        _accessors.Add(accessor);
        return _accessors.Count - 1;
    }

    private int AddIndices(IReadOnlyList<int> indices, int vertexCount)
    {
        // 65535 is reserved (primitive restart), so 16-bit indices serve up to 65535 vertices (0..65534).
        var shortIndices = vertexCount <= ushort.MaxValue;
        int view;
        if (shortIndices)
        {
            var data = indices.Select(i => (ushort)i).ToArray();
            view = AddView(MemoryMarshal.AsBytes(data.AsSpan()), ElementArrayBuffer);
        }
        else
        {
            var data = indices.Select(i => (uint)i).ToArray();
            view = AddView(MemoryMarshal.AsBytes(data.AsSpan()), ElementArrayBuffer);
        }
        _accessors.Add(new JsonObject
        {
            ["bufferView"] = view,
            ["componentType"] = shortIndices ? UnsignedShort : UnsignedInt,
            ["count"] = indices.Count,
            ["type"] = "SCALAR",
        });
        return _accessors.Count - 1;
    }

    private int AddView(ReadOnlySpan<byte> bytes, int target)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("glTF buffers are little-endian.");
        }
        var offset = _bin.Length;
        _bin.Write(bytes);
        while (_bin.Length % 4 != 0)
        {
            _bin.WriteByte(0);
        }
        _bufferViews.Add(new JsonObject { ["buffer"] = 0, ["byteOffset"] = offset, ["byteLength"] = bytes.Length, ["target"] = target });
        return _bufferViews.Count - 1;
    }

    private static void AddIfAny(JsonObject root, string name, JsonArray items)
    {
        if (items.Count > 0)
        {
            root[name] = items;
        }
    }

    private static int Align(int length) => (length + 3) & ~3;
}
