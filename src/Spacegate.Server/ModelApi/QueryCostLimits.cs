using System.Globalization;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using Spacegate.Server.Models.Bundles;

namespace Spacegate.Server.ModelApi;

/// <summary>
/// What one Model API request may cost, checked before anything runs (SPEC §5 "Limits"). A request is refused with
/// <c>request.invalid</c> when its document has too many fields, aliases or root fields
/// (<see cref="QueryShapeValidator"/>, checked before the other validation rules), is nested too deep, or costs more
/// than <see cref="MaxCost"/>. The cost of a field is its impact times the product of the multipliers of the lists
/// above it: <c>models</c> multiplies by its <c>pageSize</c>, <c>bundles</c> by the size of the bundle catalogue, and
/// so on, so <c>models(pageSize: 1000) { results { image { url } } }</c> costs about 3,000 and a thousand aliases of
/// it cost millions. What does run is also bounded in time (<see cref="ModelApiOptions.ExecutionTimeLimit"/>).
/// </summary>
public static class QueryCostLimits
{
    public const int MaxDepth = 10;
    public const int MaxCost = 50_000;

    /// <summary>Field selections in the whole document, fragments included.</summary>
    public const int MaxFields = 500;

    /// <summary>Aliased fields in the whole document: aliases are how one field is asked for many times.</summary>
    public const int MaxAliases = 50;

    /// <summary>Fields of the operation's root (models, model, mutations), fragments at the root included.</summary>
    public const int MaxRootFields = 20;

    /// <summary>A search: a count and a page query, each a scan of the account's models.</summary>
    public const double SearchCost = 50;

    /// <summary>A mutation writes and may charge the account.</summary>
    public const double MutationCost = 500;

    /// <summary>Mutations that check an app's client secret, a deliberately slow hash.</summary>
    public const double CredentialCheckCost = 5_000;

    /// <summary>An unknown list's expected length (introspection lists, street address lines).</summary>
    public const double DefaultListLength = 10;

    /// <summary>Images expected per model; a model has a preview and a colormap per level.</summary>
    public const double ImagesPerModel = 5;

    public static IReadOnlyList<IValidationRule> Rules { get; } =
    [
        .. DocumentValidator.CoreRules,
        new ComplexityValidationRule(new ComplexityOptions
        {
            MaxDepth = MaxDepth,
            MaxComplexity = MaxCost,
            DefaultListImpactMultiplier = DefaultListLength,
            DefaultComplexityImpactDelegate = ImpactOf,
            ValidateComplexityDelegate = Explain,
        }),
    ];

    /// <summary>A field's own cost and the multiplier for the fields under it.</summary>
    public static FieldComplexityResult ImpactOf(FieldImpactContext context) => (context.ParentType.Name, context.FieldDefinition.Name) switch
    {
        ("Query", "models") => new(SearchCost, PageSize(context)),
        ("ModelSearchResultList", "results") => new(1, 1), // already multiplied by models' pageSize
        ("Model", "bundles") => new(1, BundleCatalog.All.Count),
        ("ModelAssets", "images") => new(1, ImagesPerModel),
        ("BundleDetails", "assets") => new(1, BundleCatalog.All.Max(b => b.Assets.Count)),
        ("Mutation", "createPrivateModelEmbedLink" or "createPrivateModelEmbedToken" or "deletePrivateModelEmbedToken") =>
            new(CredentialCheckCost, 1),
        ("Mutation", _) => new(MutationCost, 1),
        _ => Default(context),
    };

    /// <summary>The page size the search will use: the argument (a literal, a variable or the default), at most the maximum.</summary>
    private static double PageSize(FieldImpactContext context)
    {
        var size = context.Arguments?.TryGetValue("pageSize", out var value) == true && value.Value is int given
            ? given
            : context.FieldDefinition.Arguments?.Find("pageSize")?.DefaultValue as int? ?? ModelReader.MaxPageSize;
        return Math.Clamp(size, 1, ModelReader.MaxPageSize);
    }

    private static FieldComplexityResult Default(FieldImpactContext context)
    {
        var type = context.FieldDefinition.ResolvedType;
        var multiplier = 1.0;
        while (Unwrap(type) is ListGraphType list)
        {
            multiplier *= DefaultListLength;
            type = list.ResolvedType;
        }
        return new(1, multiplier);
    }

    private static IGraphType? Unwrap(IGraphType? type) => type is NonNullGraphType nonNull ? nonNull.ResolvedType : type;

    /// <summary>Replaces the library's message with one that says what to change.</summary>
    private static Task Explain(ComplexityValidationContext context)
    {
        if (context.TotalImpact > MaxCost)
        {
            context.Error = new ValidationError(string.Create(CultureInfo.InvariantCulture,
                $"The query's cost is {context.TotalImpact:N0}, over the limit of {MaxCost:N0}: ask for a smaller pageSize, fewer fields or fewer lists."));
        }
        else if (context.MaxDepth > MaxDepth)
        {
            context.Error = new ValidationError(
                $"The query is nested {context.MaxDepth} levels deep, over the limit of {MaxDepth}.");
        }
        return Task.CompletedTask;
    }
}
