using System.Numerics;

namespace Spacegate.Server.Models.Scenes;

/// <summary>
/// Collects triangles of one glTF primitive: positions and normals per vertex, and indices. Each quad gets
/// its own four vertices so that flat faces keep sharp normals; triangles wind counter-clockwise seen
/// from the side the normal points to, as glTF expects for front faces.
/// </summary>
public sealed class MeshBuilder
{
    private readonly List<Vector3> _positions = [];
    private readonly List<Vector3> _normals = [];
    private readonly List<int> _indices = [];

    public IReadOnlyList<Vector3> Positions => _positions;
    public IReadOnlyList<Vector3> Normals => _normals;
    public IReadOnlyList<int> Indices => _indices;
    public bool IsEmpty => _indices.Count == 0;

    /// <summary>Adds the quad a-b-c-d (corners in order around it) facing <paramref name="normal"/>.</summary>
    public void AddQuad(Vector3 a, Vector3 b, Vector3 c, Vector3 d, Vector3 normal)
    {
        var facing = Vector3.Dot(Vector3.Cross(b - a, c - a), normal);
        if (facing < 0)
        {
            (b, d) = (d, b);
        }
        var first = _positions.Count;
        foreach (var corner in (ReadOnlySpan<Vector3>)[a, b, c, d])
        {
            _positions.Add(corner);
            _normals.Add(normal);
        }
        _indices.AddRange([first, first + 1, first + 2, first, first + 2, first + 3]);
    }

    /// <summary>Adds an axis-aligned box between two opposite corners: six outward faces.</summary>
    public void AddBox(Vector3 min, Vector3 max)
    {
        if (max.X - min.X <= 0 || max.Y - min.Y <= 0 || max.Z - min.Z <= 0)
        {
            return;
        }
        var (x0, y0, z0, x1, y1, z1) = (min.X, min.Y, min.Z, max.X, max.Y, max.Z);
        AddQuad(new(x1, y0, z0), new(x1, y1, z0), new(x1, y1, z1), new(x1, y0, z1), Vector3.UnitX);
        AddQuad(new(x0, y0, z0), new(x0, y0, z1), new(x0, y1, z1), new(x0, y1, z0), -Vector3.UnitX);
        AddQuad(new(x0, y1, z0), new(x0, y1, z1), new(x1, y1, z1), new(x1, y1, z0), Vector3.UnitY);
        AddQuad(new(x0, y0, z0), new(x1, y0, z0), new(x1, y0, z1), new(x0, y0, z1), -Vector3.UnitY);
        AddQuad(new(x0, y0, z1), new(x1, y0, z1), new(x1, y1, z1), new(x0, y1, z1), Vector3.UnitZ);
        AddQuad(new(x0, y0, z0), new(x0, y1, z0), new(x1, y1, z0), new(x1, y0, z0), -Vector3.UnitZ);
    }
}
