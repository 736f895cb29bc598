namespace Spacegate.Server.Models.Scenes;

/// <summary>A plain RGB raster with rectangle filling, enough to draw floor plans seen from above.</summary>
public sealed class RgbCanvas
{
    private readonly byte[] _pixels;

    public RgbCanvas(int width, int height, Rgb background)
    {
        if (width <= 0 || height <= 0 || (long)width * height > 16_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"A canvas is 1 to 16 megapixels, not {width}×{height}.");
        }
        Width = width;
        Height = height;
        _pixels = new byte[width * height * 3];
        FillRect(0, 0, width, height, background);
    }

    public int Width { get; }
    public int Height { get; }

    public Rgb this[int x, int y]
    {
        get
        {
            var i = (y * Width + x) * 3;
            return new Rgb(_pixels[i], _pixels[i + 1], _pixels[i + 2]);
        }
    }

    /// <summary>Fills pixels x0 ≤ x &lt; x1, y0 ≤ y &lt; y1, clipped to the canvas.</summary>
    public void FillRect(int x0, int y0, int x1, int y1, Rgb color)
    {
        (x0, x1) = (Math.Clamp(x0, 0, Width), Math.Clamp(x1, 0, Width));
        (y0, y1) = (Math.Clamp(y0, 0, Height), Math.Clamp(y1, 0, Height));
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                var i = (y * Width + x) * 3;
                (_pixels[i], _pixels[i + 1], _pixels[i + 2]) = (color.R, color.G, color.B);
            }
        }
    }

    public byte[] ToPng() => PngEncoder.EncodeRgb(Width, Height, _pixels);
}

public readonly record struct Rgb(byte R, byte G, byte B)
{
    public string Hex => $"#{R:x2}{G:x2}{B:x2}";
}
