using GraphQL;
using GraphQL.Types;
using Spacegate.Server.Models;
using Spacegate.Server.OAuth;

namespace Spacegate.Server.ModelApi.Schema;

public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        Field<ModelType>("patchModel").Description("Changes name, description, internalId or address. Needs EditDetails.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<ModelPatchInputType>>("patch")
            .ResolveAsync(async c =>
            {
                FieldAccess.RequireScope(c, OAuthScopes.EditDetails, "edit models");
                return await c.Service<ModelEditor>().PatchAsync(c.Caller(), c.GetArgument<string>("id"),
                    c.GetArgument<ModelPatch>("patch"), c.CancellationToken);
            });

        Field<ModelType>("updateModelAccessVisibility").Description("Needs EditDetails; visibility password needs a password.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<ModelAccessVisibilityType>>("visibility")
            .Argument<StringGraphType>("password")
            .ResolveAsync(async c =>
            {
                FieldAccess.RequireScope(c, OAuthScopes.EditDetails, "edit models");
                return await c.Service<ModelEditor>().SetVisibilityAsync(c.Caller(), c.GetArgument<string>("id"),
                    c.GetArgument<ModelAccessVisibility>("visibility"), c.GetArgument<string?>("password"), c.CancellationToken);
            });

        Field<ModelType>("updateModelState").Description("Archives or activates a model. Needs EditDetails.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<ModelStateChangeType>>("state")
            .Argument<BooleanGraphType>("allowActivate", a => a.DefaultValue = false)
            .ResolveAsync(async c =>
            {
                FieldAccess.RequireScope(c, OAuthScopes.EditDetails, "edit models");
                return await c.Service<ModelEditor>().SetStateAsync(c.Caller(), c.GetArgument<string>("id"),
                    c.GetArgument<ModelState>("state"), c.GetArgument("allowActivate", false), c.CancellationToken);
            });

        Field<BundleDetailsType>("unlockModelBundle").Description("Purchases a bundle, charged to the account. Needs PurchaseAssets.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<IdGraphType>>("bundleId")
            .ResolveAsync(async c =>
            {
                FieldAccess.RequireScope(c, OAuthScopes.PurchaseAssets, "purchase bundles");
                return await c.Service<ModelEditor>().UnlockBundleAsync(c.Caller(), c.GetArgument<string>("id"),
                    c.GetArgument<string>("bundleId"), c.CancellationToken);
            });

        Field<PrivateModelEmbedLinkType>("createPrivateModelEmbedLink")
            .Description("A link that shows one private model for validFor (default 10m, at most 24h).")
            .Argument<NonNullGraphType<IdGraphType>>("modelId")
            .Argument<NonNullGraphType<StringGraphType>>("clientId")
            .Argument<NonNullGraphType<StringGraphType>>("clientSecret")
            .Argument<StringGraphType>("validFor")
            .ResolveAsync(async c =>
            {
                var modelId = c.GetArgument<string>("modelId");
                var token = await Mint(c, [modelId]);
                var link = $"{c.Service<SignedUrls>().PublicBase(c.Api().Http.Request)}/show?m={Uri.EscapeDataString(modelId)}&auth=Bearer+{Uri.EscapeDataString(token.AccessToken)}";
                return new EmbedLink(token.AccessToken, "showcase", link, token.ValidUntil);
            });

        Field<PrivateModelEmbedTokenType>("createPrivateModelEmbedToken")
            .Description("A token that shows the given private models for validFor (default 10m, at most 24h).")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("modelIds")
            .Argument<NonNullGraphType<StringGraphType>>("clientId")
            .Argument<NonNullGraphType<StringGraphType>>("clientSecret")
            .Argument<StringGraphType>("validFor")
            .ResolveAsync(async c => await Mint(c, c.GetArgument<List<string>>("modelIds")));

        Field<BooleanGraphType>("deletePrivateModelEmbedToken").Description("Revokes an embed token of this app at once.")
            .Argument<NonNullGraphType<StringGraphType>>("clientId")
            .Argument<NonNullGraphType<StringGraphType>>("clientSecret")
            .Argument<NonNullGraphType<StringGraphType>>("accessToken")
            .ResolveAsync(async c => await c.Service<EmbedTokens>().DeleteAsync(c.Caller(), c.GetArgument<string>("clientId"),
                c.GetArgument<string>("clientSecret"), c.GetArgument<string>("accessToken"), c.CancellationToken));
    }

    private static Task<EmbedToken> Mint(IResolveFieldContext c, IReadOnlyList<string> modelIds) =>
        c.Service<EmbedTokens>().CreateAsync(c.Caller(), c.Api().Http, modelIds, c.GetArgument<string>("clientId"),
            c.GetArgument<string>("clientSecret"), c.GetArgument<string?>("validFor"), c.CancellationToken);
}

public sealed record EmbedLink(string AccessToken, string Application, string Link, DateTimeOffset ValidUntil);

public sealed class PrivateModelEmbedLinkType : ObjectGraphType<EmbedLink>
{
    public PrivateModelEmbedLinkType()
    {
        Name = "PrivateModelEmbedLink";
        Field<NonNullGraphType<StringGraphType>>("accessToken").Resolve(c => c.Source.AccessToken);
        Field<NonNullGraphType<StringGraphType>>("application").Resolve(c => c.Source.Application);
        Field<NonNullGraphType<StringGraphType>>("link").Resolve(c => c.Source.Link);
        Field<NonNullGraphType<DateTimeType>>("validUntil").Resolve(c => c.Source.ValidUntil);
    }
}

public sealed class PrivateModelEmbedTokenType : ObjectGraphType<EmbedToken>
{
    public PrivateModelEmbedTokenType()
    {
        Name = "PrivateModelEmbedToken";
        Field<NonNullGraphType<StringGraphType>>("accessToken").Resolve(c => c.Source.AccessToken);
        Field<NonNullGraphType<DateTimeType>>("validUntil").Resolve(c => c.Source.ValidUntil);
    }
}

public sealed class AddressInputType : InputObjectGraphType<AddressPatch>
{
    public AddressInputType()
    {
        Name = "AddressInput";
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("streetAddressLines");
        Field<StringGraphType>("locality");
        Field<StringGraphType>("administrativeArea");
        Field<StringGraphType>("postalCode");
        Field<StringGraphType>("countryCode");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new AddressPatch(
        value.TryGetValue("streetAddressLines", out var lines) && lines is IEnumerable<object?> list
            ? [.. list.Select(l => l?.ToString() ?? "")]
            : null,
        Get(value, "locality") as string,
        Get(value, "administrativeArea") as string,
        Get(value, "postalCode") as string,
        Get(value, "countryCode") as string);

    private static object? Get(IDictionary<string, object?> value, string key) => value.TryGetValue(key, out var v) ? v : null;
}

public sealed class ModelPatchInputType : InputObjectGraphType<ModelPatch>
{
    public ModelPatchInputType()
    {
        Name = "ModelPatch";
        Field<StringGraphType>("name");
        Field<StringGraphType>("description");
        Field<StringGraphType>("internalId").Description("null or empty clears it.");
        Field<AddressInputType>("address");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new ModelPatch(
        Get(value, "name") as string,
        Get(value, "description") as string,
        value.ContainsKey("internalId"),
        Get(value, "internalId") as string,
        Get(value, "address") as AddressPatch);

    private static object? Get(IDictionary<string, object?> value, string key) => value.TryGetValue(key, out var v) ? v : null;
}
