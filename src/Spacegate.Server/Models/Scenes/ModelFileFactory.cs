namespace Spacegate.Server.Models.Scenes;

/// <summary>The stored files of a model, all generated from its floor plan: the 3D scene, a colormap per level and a preview.</summary>
public static class ModelFileFactory
{
    public const string SceneFileName = "scene.glb";
    public const string SceneContentType = "model/gltf-binary";
    public const string PreviewFileName = "preview.png";
    public const string PngContentType = "image/png";

    public static string ColormapFileName(int level) => $"colormap-floor-{level + 1}.png";

    public static List<ModelFile> Create(FloorPlan plan, string modelName)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var files = new List<ModelFile>
        {
            new() { Kind = ModelFileKind.Scene, FileName = SceneFileName, ContentType = SceneContentType, Content = SceneBuilder.Build(plan, modelName) },
        };
        foreach (var level in plan.Levels)
        {
            files.Add(Image(ColormapFileName(level), ColormapRenderer.Render(plan, level), preview: false));
        }
        files.Add(Image(PreviewFileName, ColormapRenderer.RenderPreview(plan), preview: true));
        return files;
    }

    private static ModelFile Image(string name, RenderedImage image, bool preview) => new()
    {
        Kind = ModelFileKind.Image,
        FileName = name,
        ContentType = PngContentType,
        Width = image.Width,
        Height = image.Height,
        IsPreview = preview,
        Content = image.Png,
    };
}
