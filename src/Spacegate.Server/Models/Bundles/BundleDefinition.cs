using Spacegate.Server.Models.Scenes;

namespace Spacegate.Server.Models.Bundles;

/// <summary>
/// One downloadable file of a bundle, generated on demand from the model and its floor plan (nothing is
/// stored): call <see cref="Create"/>, or <see cref="CreateFor"/> to parse the model's plan first.
/// </summary>
/// <param name="Format">A short format name for API clients, e.g. "glb", "png", "xyz", "svg".</param>
public sealed record BundleAsset(string FileName, string Format, string ContentType, Func<Model, FloorPlan, byte[]> Create)
{
    public byte[] CreateFor(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Create(model, FloorPlan.Parse(model.FloorPlanJson));
    }
}

/// <summary>A kind of add-on a model can offer (<see cref="ModelBundle.BundleId"/>), with what unlocking it gives.</summary>
public sealed record BundleDefinition(string Id, string Name, string Description, long DefaultPriceCents, string Currency, IReadOnlyList<BundleAsset> Assets)
{
    public BundleAsset? FindAsset(string fileName) => Assets.FirstOrDefault(a => a.FileName == fileName);
}
