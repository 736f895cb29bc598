using System.Text;
using Spacegate.Server.Models.Scenes;
using Xunit;

namespace Spacegate.Tests.Scenes;

public sealed class ColormapRendererTests
{
    [Fact]
    public void Render_Png_HasValidChunksCrcsAndScanlines()
    {
        var image = ColormapRenderer.Render(TestPlans.Flat());
        var png = PngFile.Parse(image.Png); // signature, IHDR first, IEND last, every CRC

        Assert.Equal((image.Width, image.Height), (png.Width, png.Height));
        Assert.Equal(((8 + 1) * 40, (7.5 + 1) * 40), (png.Width, png.Height)); // plan plus a 0.5 m margin, at 40 px/m
        Assert.Contains(png.Chunks, c => c.Type == "IDAT");
        Assert.Equal(png.Height * (1 + png.Width * 3), png.Scanlines.Length);
        for (var y = 0; y < png.Height; y++)
        {
            Assert.Equal(0, png.Scanlines[y * (1 + png.Width * 3)]); // filter type None
        }
    }

    [Fact]
    public void Render_Pixels_RoomsInTheirColoursWallsDarkDoorsOpen()
    {
        var plan = TestPlans.Flat();
        var png = PngFile.Parse(ColormapRenderer.Render(plan).Png);
        var projection = new ColormapProjection(plan, null, ColormapRenderer.DefaultPixelsPerMetre);
        (byte, byte, byte) At(double x, double z)
        {
            var (px, py) = projection.Pixel(0, x, z);
            return png.Pixel(px, py);
        }
        (byte, byte, byte) Rgb(Rgb c) => (c.R, c.G, c.B);

        foreach (var room in plan.Rooms)
        {
            Assert.Equal(Rgb(ColormapRenderer.RoomColor(plan, room)), At((room.X + room.MaxX) / 2, (room.Z + room.MaxZ) / 2));
        }
        Assert.Equal(3, plan.Rooms.Select(r => ColormapRenderer.RoomColor(plan, r)).Distinct().Count());

        var wall = Rgb(ColormapRenderer.WallColor);
        Assert.Equal(wall, At(5.0, 0.8)); // the wall between living room and kitchen, away from the door
        Assert.Equal(wall, At(4.0, 0.02)); // the outer north wall
        Assert.NotEqual(wall, At(5.0, 2.0)); // the door into the kitchen
        Assert.NotEqual(wall, At(2.0, 4.0)); // the door into the bedroom
        Assert.NotEqual(wall, At(2.7, 0.02)); // the front door
        Assert.Equal(Rgb(ColormapRenderer.Background), png.Pixel(2, 2));
    }

    [Theory]
    [InlineData(8, 20)] // a large plan: the box limits the preview
    [InlineData(2, 8)] // a small one: the preview scale does
    public void RenderPreview_FitsTheBoxAndIsSmallerThanTheColormap(int rooms, double averageRoomArea)
    {
        var plan = FloorPlanGenerator.Generate(FloorPlanGenerator.HomeRoomNames.Take(rooms).ToList(), 4, averageRoomArea: averageRoomArea);
        var full = ColormapRenderer.Render(plan);
        var preview = ColormapRenderer.RenderPreview(plan, 320, 240);
        var png = PngFile.Parse(preview.Png);
        Assert.Equal((preview.Width, preview.Height), (png.Width, png.Height));
        Assert.InRange(png.Width, 1, 320);
        Assert.InRange(png.Height, 1, 240);
        Assert.True(png.Width < full.Width && png.Height < full.Height, $"preview {png.Width}×{png.Height}, colormap {full.Width}×{full.Height}");
        var fills = png.Width >= 319 || png.Height >= 239;
        var atMaxScale = Math.Abs(png.Width - new ColormapProjection(plan, null, ColormapRenderer.MaxPreviewPixelsPerMetre).Width) <= 1;
        Assert.True(fills || atMaxScale, $"{png.Width}×{png.Height} neither fills the box nor is drawn at the preview scale");
        Assert.Equal(rooms == 8, fills);
    }

    [Fact]
    public void Render_TwoLevels_SideBySideOrOneAtATime()
    {
        var plan = FloorPlanGenerator.Generate(["Living room", "Kitchen", "Bedroom", "Bathroom"], seed: 2, levels: 2);
        var both = ColormapRenderer.Render(plan);
        var ground = ColormapRenderer.Render(plan, level: 0);
        var upper = ColormapRenderer.Render(plan, level: 1);
        Assert.Equal(ground.Height, both.Height);
        Assert.Equal(ground.Width, upper.Width);
        // Two panels and a 1 m gap, against one panel and two 0.5 m margins: exactly twice as wide.
        Assert.InRange(both.Width, 2 * ground.Width - 1, 2 * ground.Width + 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => ColormapRenderer.Render(plan, level: 2));
    }

    [Fact]
    public void PngEncoder_WrongPixelCount_Throws() =>
        Assert.Throws<ArgumentException>(() => PngEncoder.EncodeRgb(2, 2, new byte[11]));

    [Fact]
    public void Crc32_KnownCheckValue() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
}
