using Spacegate.Server.Data;
using Spacegate.Server.Models;

namespace Spacegate.Server.ModelApi;

public static class BundleViews
{
    public static BundleView From(ModelBundle bundle) =>
        new(bundle.ModelId, bundle.BundleId, bundle.BundleId, "", bundle.Availability, bundle.PriceCents, bundle.Currency, []);

    public static Task<(byte[] Content, string ContentType)?> RenderAssetAsync(SpacegateDbContext db, Model model, string bundleId,
        string fileName, CancellationToken cancellationToken) => Task.FromResult<(byte[], string)?>(null);
}
