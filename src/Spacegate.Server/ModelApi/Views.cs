using Spacegate.Server.Models;

namespace Spacegate.Server.ModelApi;

/// <summary>A downloadable file and the server path its signed URL points to.</summary>
public sealed record AssetView(string Id, string FileName, string Format, string ContentType, int? Width, int? Height, string Path);

/// <summary>A model's bundle with its catalogue name and description and the assets it unlocks.</summary>
public sealed record BundleView(
    string ModelId,
    string BundleId,
    string Name,
    string Description,
    BundleAvailability Availability,
    long PriceCents,
    string Currency,
    IReadOnlyList<AssetView> Assets);
