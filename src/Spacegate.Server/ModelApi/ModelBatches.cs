using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;
using Spacegate.Server.Models;

namespace Spacegate.Server.ModelApi;

/// <summary>A model's downloadable file, with what the resolvers pick by.</summary>
public sealed record ModelFileView(ModelFileKind Kind, bool IsPreview, AssetView Asset);

/// <summary>
/// The per-model lookups of the Model API, batched per request (<see cref="BatchLoader{TKey,TValue}"/>): a page of a
/// thousand models with their images and bundles takes one query for the files and one for the bundles.
/// </summary>
public sealed class ModelBatches
{
    public ModelBatches(SpacegateDbContext db)
    {
        Files = new BatchLoader<string, IReadOnlyList<ModelFileView>>(async (ids, ct) =>
        {
            // Metadata only: the content is served by the signed URL.
            var files = await db.ModelFiles.AsNoTracking().Where(f => ids.Contains(f.ModelId))
                .OrderByDescending(f => f.IsPreview).ThenBy(f => f.FileName)
                .Select(f => new { f.ModelId, f.Id, f.Kind, f.IsPreview, f.FileName, f.ContentType, f.Width, f.Height })
                .ToListAsync(ct);
            return files.GroupBy(f => f.ModelId).ToDictionary(g => g.Key, g => (IReadOnlyList<ModelFileView>)[.. g.Select(f =>
                new ModelFileView(f.Kind, f.IsPreview, new AssetView(f.Id, f.FileName, Path.GetExtension(f.FileName).TrimStart('.'),
                    f.ContentType, f.Width, f.Height, $"/api/models/{f.ModelId}/files/{f.Id}/{f.FileName}")))]);
        }, []);
        Bundles = new BatchLoader<string, IReadOnlyList<BundleView>>(async (ids, ct) =>
        {
            var bundles = await db.ModelBundles.AsNoTracking().Where(b => ids.Contains(b.ModelId))
                .OrderBy(b => b.BundleId).ToListAsync(ct);
            return bundles.GroupBy(b => b.ModelId).ToDictionary(g => g.Key, g => (IReadOnlyList<BundleView>)[.. g.Select(BundleViews.From)]);
        }, []);
    }

    public BatchLoader<string, IReadOnlyList<ModelFileView>> Files { get; }

    public BatchLoader<string, IReadOnlyList<BundleView>> Bundles { get; }
}
