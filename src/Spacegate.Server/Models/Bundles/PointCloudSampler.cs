using System.Globalization;
using System.Text;
using Spacegate.Server.Models.Scenes;

namespace Spacegate.Server.Models.Bundles;

/// <summary>
/// Samples a point cloud from a floor plan's surfaces: the floor of every room and the inner faces of
/// its walls (none in door openings), on a jittered grid, written as ASCII XYZ lines "x y z r g b" in
/// metres with 0–255 colours. It stands in for a scanner's E57 export, which a generated space cannot have.
/// </summary>
public static class PointCloudSampler
{
    public const double Spacing = 0.1;

    private static readonly Rgb FloorColor = new(153, 112, 74);
    private static readonly Rgb WallColor = new(236, 233, 225);

    /// <summary>The same plan and seed always give the same points.</summary>
    public static byte[] SampleXyz(FloorPlan plan, int seed)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var random = new Random(seed);
        var text = new StringBuilder();
        foreach (var room in plan.Rooms)
        {
            var y = plan.Elevation(room.Level);
            var h = FloorPlan.HalfWall;
            Grid(random, room.X + h, room.MaxX - h, room.Z + h, room.MaxZ - h, (a, b) => Write(text, random, a, y, b, FloorColor));
            foreach (var wall in WallLayout.Walls(plan, room))
            {
                var spans = wall.SolidSpans().Select(s => (s.Start, s.End, Bottom: y))
                    .Concat(wall.Openings.Select(o => (o.Start, o.End, Bottom: y + plan.DoorHeight)));
                foreach (var (start, end, bottom) in spans)
                {
                    Grid(random, start, end, bottom, y + plan.CeilingHeight, (along, height) =>
                    {
                        var (px, pz) = wall.Side.RunsAlongX() ? (along, wall.Inner) : (wall.Inner, along);
                        Write(text, random, px, height, pz, WallColor);
                    });
                }
            }
        }
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>A stable seed for a model, so that its point cloud is the same on every download.</summary>
    public static int SeedFor(string modelId)
    {
        var hash = 2166136261u; // FNV-1a: string.GetHashCode is randomised per process
        foreach (var c in modelId)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return unchecked((int)hash);
    }

    /// <summary>One point per grid cell of the rectangle, jittered inside its cell.</summary>
    private static void Grid(Random random, double u0, double u1, double v0, double v1, Action<double, double> point)
    {
        for (var u = u0; u < u1; u += Spacing)
        {
            for (var v = v0; v < v1; v += Spacing)
            {
                point(Math.Min(u1, u + random.NextDouble() * Spacing), Math.Min(v1, v + random.NextDouble() * Spacing));
            }
        }
    }

    private static void Write(StringBuilder text, Random random, double x, double y, double z, Rgb color)
    {
        var shade = random.Next(-8, 9);
        text.Append(CultureInfo.InvariantCulture, $"{x:F3} {y:F3} {z:F3} {Channel(color.R, shade)} {Channel(color.G, shade)} {Channel(color.B, shade)}\n");
    }

    private static int Channel(byte value, int shade) => Math.Clamp(value + shade, 0, 255);
}
