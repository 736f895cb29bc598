using System.Text.Json;
using Spacegate.Server.Models;
using Spacegate.Server.Models.Bundles;

namespace Spacegate.Server.ModelApi;

/// <summary>Joins a model's bundle row with its catalogue entry (name, description, the assets it unlocks).</summary>
public static class BundleViews
{
    public static BundleView From(ModelBundle bundle)
    {
        var definition = BundleCatalog.Find(bundle.BundleId);
        var assets = definition?.Assets.Select(a => new AssetView(
            $"{bundle.BundleId}/{a.FileName}", a.FileName, a.Format, a.ContentType, null, null,
            $"/api/models/{bundle.ModelId}/bundles/{bundle.BundleId}/{a.FileName}")).ToList() ?? [];
        return new BundleView(bundle.ModelId, bundle.BundleId, definition?.Name ?? bundle.BundleId, definition?.Description ?? "",
            bundle.Availability, bundle.PriceCents, bundle.Currency, assets);
    }

    /// <summary>Generates one asset of an unlocked bundle from the model's floor plan; null when there is no such file.</summary>
    public static (byte[] Content, string ContentType)? RenderAsset(Model model, string bundleId, string fileName)
    {
        if (BundleCatalog.Find(bundleId)?.FindAsset(fileName) is not { } asset)
        {
            return null;
        }
        try
        {
            return (asset.CreateFor(model), asset.ContentType);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            // A model without a usable floor plan (e.g. bulk-created ones) has nothing to render.
            return null;
        }
    }
}
