namespace Spacegate.Server.Models.Scenes;

/// <summary>
/// Where plan coordinates land on a colormap: levels are drawn side by side, left to right, each framed
/// by the footprint of all drawn levels, with a margin around the whole image.
/// </summary>
public sealed class ColormapProjection
{
    private const double Margin = 0.5;
    private const double LevelGap = 1.0;
    private readonly double _minX;
    private readonly double _minZ;
    private readonly double _panelWidth;
    private readonly List<int> _levels;

    public ColormapProjection(FloorPlan plan, int? level, double pixelsPerMetre)
    {
        _levels = level is { } only ? [only] : [.. plan.Levels];
        var rooms = plan.Rooms.Where(r => _levels.Contains(r.Level)).ToList();
        if (rooms.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(level), $"The plan has no rooms on level {level}.");
        }
        _minX = rooms.Min(r => r.X);
        _minZ = rooms.Min(r => r.Z);
        _panelWidth = rooms.Max(r => r.MaxX) - _minX;
        PixelsPerMetre = pixelsPerMetre;
        WidthMetres = _levels.Count * _panelWidth + (_levels.Count - 1) * LevelGap + 2 * Margin;
        HeightMetres = rooms.Max(r => r.MaxZ) - _minZ + 2 * Margin;
        Width = Math.Max(1, (int)Math.Ceiling(WidthMetres * pixelsPerMetre));
        Height = Math.Max(1, (int)Math.Ceiling(HeightMetres * pixelsPerMetre));
    }

    public double WidthMetres { get; }
    public double HeightMetres { get; }

    public double PixelsPerMetre { get; }
    public int Width { get; }
    public int Height { get; }
    public IReadOnlyList<int> Levels => _levels;

    /// <summary>The pixel column and row of a plan point on <paramref name="level"/>.</summary>
    public (int X, int Y) Pixel(int level, double x, double z) => (Px(level, x), Py(z));

    public int Px(int level, double x) =>
        (int)Math.Round((_levels.IndexOf(level) * (_panelWidth + LevelGap) + x - _minX + Margin) * PixelsPerMetre);

    public int Py(double z) => (int)Math.Round((z - _minZ + Margin) * PixelsPerMetre);
}
