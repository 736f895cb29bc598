namespace Spacegate.Server.Models;

/// <summary>A stored file of a model: its 3D scene (glTF binary) or one of its images.</summary>
public sealed class ModelFile
{
    public string Id { get; set; } = ModelIds.NewFileId();
    public string ModelId { get; set; } = "";
    public Model? Model { get; set; }
    public ModelFileKind Kind { get; set; }

    /// <summary>File name offered on download, e.g. scene.glb or colormap-floor-1.png.</summary>
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public int? Width { get; set; }
    public int? Height { get; set; }

    /// <summary>The preview image shown as the model's public "image".</summary>
    public bool IsPreview { get; set; }

    public byte[] Content { get; set; } = [];
}

public enum ModelFileKind
{
    Scene = 0,
    Image = 1,
}
