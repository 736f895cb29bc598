using GraphQL;
using GraphQL.Types;
using Spacegate.Server.Models;

namespace Spacegate.Server.ModelApi.Schema;

/// <summary>
/// A model. Public details (id, name, description, created, modified, accessVisibility, image) need
/// ViewPublic or ViewDetails; everything else needs ViewDetails; assets need DownloadAssets. A Private
/// Model Embed token reads public details, the scene and the images of its own models only.
/// </summary>
public sealed class ModelType : ObjectGraphType<Model>
{
    public ModelType()
    {
        Name = "Model";
        Field<NonNullGraphType<IdGraphType>>("id").Description("11 characters, e.g. yyHDFKzPzvN.").Resolve(c => c.Source.Id);
        Field<StringGraphType>("name").Resolve(c => FieldAccess.Public(c).Name);
        Field<StringGraphType>("description").Resolve(c => FieldAccess.Public(c).Description);
        Field<DateTimeType>("created").Resolve(c => FieldAccess.Public(c).Created);
        Field<DateTimeType>("modified").Resolve(c => FieldAccess.Public(c).Modified);
        Field<ModelAccessVisibilityType>("accessVisibility").Resolve(c => FieldAccess.Public(c).AccessVisibility);
        Field<AssetType>("image").Description("The preview image (a public detail).")
            .Resolve(c => c.Service<ModelBatches>().Files.Load(FieldAccess.Public(c).Id,
                files => files.FirstOrDefault(f => f.Kind == ModelFileKind.Image && f.IsPreview)?.Asset));

        Field<StringGraphType>("internalId").Resolve(c => FieldAccess.Private(c).InternalId);
        Field<ModelStateType>("state").Resolve(c => FieldAccess.Private(c).State);
        Field<AddressType>("address").Resolve(c => FieldAccess.Private(c).Address);
        Field<ModelAssetsType>("assets").Description("The scene and images; needs DownloadAssets.")
            .Resolve(c => FieldAccess.Assets(c));
        Field<ListGraphType<NonNullGraphType<BundleDetailsType>>>("bundles")
            .Resolve(c => c.Service<ModelBatches>().Bundles.Load(FieldAccess.Private(c).Id, bundles => bundles));
        Field<BundleDetailsType>("bundle")
            .Argument<NonNullGraphType<IdGraphType>>("id", "Bundle id, e.g. mp:matterpak.")
            .Resolve(c =>
            {
                var model = FieldAccess.Private(c);
                var id = c.GetArgument<string>("id");
                return c.Service<ModelBatches>().Bundles.Load(model.Id,
                    bundles => bundles.FirstOrDefault(b => b.BundleId == id) ?? throw ApiError.NotFound("Bundle", id));
            });
    }
}

public sealed class AddressType : ObjectGraphType<ModelAddress>
{
    public AddressType()
    {
        Name = "Address";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("streetAddressLines").Resolve(c => c.Source.Lines);
        Field<StringGraphType>("locality").Resolve(c => c.Source.Locality);
        Field<StringGraphType>("administrativeArea").Resolve(c => c.Source.AdministrativeArea);
        Field<StringGraphType>("postalCode").Resolve(c => c.Source.PostalCode);
        Field<StringGraphType>("countryCode").Description("ISO 3166-1 alpha-2.").Resolve(c => c.Source.CountryCode);
    }
}

/// <summary>A downloadable file; <c>url</c> is signed and stops working at <c>validUntil</c> or when the token is revoked.</summary>
public sealed class AssetType : ObjectGraphType<AssetView>
{
    public AssetType()
    {
        Name = "Asset";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("filename").Resolve(c => c.Source.FileName);
        Field<NonNullGraphType<StringGraphType>>("format").Description("e.g. glb, png, svg, xyz.").Resolve(c => c.Source.Format);
        Field<NonNullGraphType<StringGraphType>>("contentType").Resolve(c => c.Source.ContentType);
        Field<IntGraphType>("width").Resolve(c => c.Source.Width);
        Field<IntGraphType>("height").Resolve(c => c.Source.Height);
        Field<StringGraphType>("url").Resolve(c => Sign(c).Url);
        Field<DateTimeType>("validUntil").Resolve(c => Sign(c).ValidUntil);
    }

    /// <summary>One signature per asset and request, so <c>url</c> and <c>validUntil</c> always agree.</summary>
    private static SignedUrl Sign(IResolveFieldContext<AssetView> c)
    {
        var api = c.Api();
        var key = "signed:" + c.Source.Path;
        if (api.TryGetValue(key, out var cached) && cached is SignedUrl signed)
        {
            return signed;
        }
        var caller = api.Caller;
        signed = c.Service<SignedUrls>().Sign(api.Http.Request, c.Source.Path, caller.TokenId, caller.TokenExpires);
        api[key] = signed;
        return signed;
    }
}

public sealed class ModelAssetsType : ObjectGraphType<Model>
{
    public ModelAssetsType()
    {
        Name = "ModelAssets";
        Field<AssetType>("scene").Description("The 3D scene as glTF binary (.glb).")
            .Resolve(c => c.Service<ModelBatches>().Files.Load(c.Source.Id,
                files => files.FirstOrDefault(f => f.Kind == ModelFileKind.Scene)?.Asset));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AssetType>>>>("images").Description("Colormap imagery.")
            .Resolve(c => c.Service<ModelBatches>().Files.Load(c.Source.Id,
                files => (IReadOnlyList<AssetView>)[.. files.Where(f => f.Kind == ModelFileKind.Image).Select(f => f.Asset)]));
    }
}

public sealed class PriceType : ObjectGraphType<BundleView>
{
    public PriceType()
    {
        Name = "Price";
        Field<NonNullGraphType<FloatGraphType>>("amount").Resolve(c => (double)(c.Source.PriceCents / 100m));
        Field<NonNullGraphType<StringGraphType>>("currencyCode").Resolve(c => c.Source.Currency);
    }
}

public sealed class BundleDetailsType : ObjectGraphType<BundleView>
{
    public BundleDetailsType()
    {
        Name = "BundleDetails";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.BundleId);
        Field<StringGraphType>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("description").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<BundleAvailabilityType>>("availability").Resolve(c => c.Source.Availability);
        Field<PriceType>("price").Resolve(c => c.Source);
        Field<ListGraphType<NonNullGraphType<AssetType>>>("assets")
            .Description("Downloadable files once the bundle is unlocked (empty while locked); needs DownloadAssets.")
            .Resolve(c =>
            {
                FieldAccess.RequireScope(c, OAuth.OAuthScopes.DownloadAssets, "read download URLs");
                return c.Source.Availability == BundleAvailability.Unlocked ? c.Source.Assets : [];
            });
    }
}
