using Spacegate.Server.Models;
using Spacegate.Server.Models.Search;

namespace Spacegate.Server.ModelApi;

/// <summary>Applies a models(query:) search (docs/SEARCH.md) to a query of models; it runs in the database.</summary>
public static class ModelSearch
{
    public static IQueryable<Model> Apply(IQueryable<Model> models, string? query, SearchDialect dialect)
    {
        var parsed = ModelSearchParser.Parse(query);
        if (parsed.Error is { } error)
        {
            throw new ApiError(ApiErrorCodes.Invalid, $"Invalid query: {error.Message}") { Position = error.Position };
        }
        return models.Where(ModelSearchTranslator.ToPredicate(parsed.Query!, dialect));
    }
}
