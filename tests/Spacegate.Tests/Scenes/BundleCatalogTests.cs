using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Spacegate.Server.Models;
using Spacegate.Server.Models.Bundles;
using Spacegate.Server.Models.Scenes;
using Xunit;

namespace Spacegate.Tests.Scenes;

public sealed class BundleCatalogTests
{
    private static readonly FloorPlan Plan = TestPlans.Flat();
    private static readonly Model Model = new() { Id = "TestModel01", Name = "Smith & Sons <Flat 2>", FloorPlanJson = Plan.ToJson() };

    [Fact]
    public void Catalogue_KnownIds_FoundExactly()
    {
        Assert.Equal([BundleCatalog.MatterPak, BundleCatalog.E57, BundleCatalog.Schematic], BundleCatalog.All.Select(b => b.Id));
        Assert.All(BundleCatalog.All, b =>
        {
            Assert.Same(b, BundleCatalog.Find(b.Id));
            Assert.NotEmpty(b.Assets);
            Assert.True(b.DefaultPriceCents > 0);
            Assert.Equal("USD", b.Currency);
            Assert.Equal(b.Assets.Count, b.Assets.Select(a => a.FileName).Distinct().Count());
        });
        Assert.Null(BundleCatalog.Find("MP:MATTERPAK"));
        Assert.Null(BundleCatalog.Find("mp:unknown"));
        Assert.Null(BundleCatalog.Find(null));
        Assert.Contains("sample point cloud", BundleCatalog.Find(BundleCatalog.E57)!.Description);
    }

    [Fact]
    public void MatterPak_SceneAndColormap_AreValidFiles()
    {
        var bundle = BundleCatalog.Find(BundleCatalog.MatterPak)!;
        var scene = bundle.FindAsset("scene.glb")!;
        Assert.Equal("model/gltf-binary", scene.ContentType);
        var glb = GlbFile.Parse(scene.CreateFor(Model));
        Assert.Equal(Model.Name, glb.Section("scenes")[0].GetProperty("name").GetString());

        var colormap = bundle.FindAsset("colormap.png")!;
        Assert.Equal(("png", "image/png"), (colormap.Format, colormap.ContentType));
        var png = PngFile.Parse(colormap.Create(Model, Plan));
        Assert.Equal(ColormapRenderer.Render(Plan).Width, png.Width);
    }

    [Fact]
    public void Schematic_Svg_IsWellFormedWithRoomNamesAndDimensions()
    {
        var asset = BundleCatalog.Find(BundleCatalog.Schematic)!.Assets.Single();
        Assert.Equal(("floorplan.svg", "svg", "image/svg+xml"), (asset.FileName, asset.Format, asset.ContentType));
        var svg = XDocument.Parse(Encoding.UTF8.GetString(asset.Create(Model, Plan)));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal("Smith & Sons <Flat 2>: floor plan", svg.Root.Element(ns + "title")!.Value);
        var texts = svg.Descendants(ns + "text").Select(t => t.Value).ToList();
        Assert.Contains("Smith & Sons <Flat 2>", texts);
        foreach (var room in Plan.Rooms)
        {
            Assert.Contains(room.Name, texts);
        }
        Assert.Contains("5.0 m × 4.0 m (20 m²)", texts);
        Assert.Contains("4.0 m × 3.5 m (14 m²)", texts);
        Assert.Equal(Plan.Doors.Count, svg.Descendants(ns + "path").Count()); // one leaf and swing per door
    }

    [Fact]
    public void E57_PointCloud_SamplesFloorsAndWallsButNotDoorways()
    {
        var asset = BundleCatalog.Find(BundleCatalog.E57)!.Assets.Single();
        Assert.Equal(("xyz", "point-cloud.xyz"), (asset.Format, asset.FileName));
        var bytes = asset.Create(Model, Plan);
        var points = Encoding.ASCII.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();

        Assert.All(points, p => Assert.Equal(6, p.Length));
        Assert.All(points, p =>
        {
            Assert.InRange(p[0], 0, 8);
            Assert.InRange(p[1], 0, Plan.CeilingHeight);
            Assert.InRange(p[2], 0, 7.5);
            Assert.All(p[3..], c => Assert.InRange(c, 0, 255));
        });
        // Floors are brown, walls off-white; one point per 10 cm cell of every floor inside its walls.
        var floor = points.Where(p => p[3] < 200).ToList();
        Assert.All(floor, p => Assert.Equal(0, p[1]));
        var floorArea = Plan.Rooms.Sum(r => (r.Width - FloorPlan.WallThickness) * (r.Depth - FloorPlan.WallThickness));
        Assert.InRange(floor.Count, floorArea * 100 * 0.95, floorArea * 100 * 1.1);
        Assert.True(points.Count - floor.Count > 1000, "the walls are sampled too");

        // No wall point below the lintel inside the kitchen doorway (x = 5 ± half a wall, z 1.55..2.45).
        Assert.DoesNotContain(points, p => Math.Abs(p[0] - 5) < 0.1 && p[2] is > 1.56 and < 2.44 && p[1] > 0 && p[1] < Plan.DoorHeight - 0.01);
        Assert.Equal(bytes, asset.CreateFor(Model)); // the same model always gets the same cloud
    }
}
