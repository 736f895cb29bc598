using Spacegate.Server.Models.Scenes;

namespace Spacegate.Server.Models.Bundles;

/// <summary>
/// The bundles this installation knows. A model's <see cref="ModelBundle"/> rows say which of them it
/// offers, at what price and in which availability; the catalogue says what each one contains. Prices are
/// in US cents.
/// </summary>
public static class BundleCatalog
{
    public const string MatterPak = "mp:matterpak";
    public const string E57 = "mp:e57";
    public const string Schematic = "floorplan:schematic";

    public static IReadOnlyList<BundleDefinition> All { get; } =
    [
        new(MatterPak, "MatterPak",
            "The 3D scene as glTF binary (rooms, walls, doors) and the colormap: a top-down image of every level.",
            4900, "USD",
            [
                new("scene.glb", "glb", ModelFileFactory.SceneContentType, (model, plan) => SceneBuilder.Build(plan, model.Name)),
                new("colormap.png", "png", ModelFileFactory.PngContentType, (_, plan) => ColormapRenderer.Render(plan).Png),
            ]),
        new(E57, "Point cloud",
            "A sample point cloud sampled from the floors and walls every 10 cm, as ASCII XYZ (x y z r g b per line, metres); " +
            "a stand-in for a scanner's E57 export.",
            2900, "USD",
            [
                new("point-cloud.xyz", "xyz", "text/plain; charset=us-ascii", (model, plan) => PointCloudSampler.SampleXyz(plan, PointCloudSampler.SeedFor(model.Id))),
            ]),
        new(Schematic, "Schematic floor plan",
            "A schematic floor plan (SVG) with every room's name, dimensions and area, and the doors with their swing.",
            1490, "USD",
            [
                new("floorplan.svg", "svg", "image/svg+xml", (model, plan) => SchematicRenderer.RenderSvg(plan, model.Name)),
            ]),
    ];

    /// <summary>The bundle with this id (exact, case-sensitive, as ids are in the API), or null.</summary>
    public static BundleDefinition? Find(string? id) => All.FirstOrDefault(b => b.Id == id);
}
