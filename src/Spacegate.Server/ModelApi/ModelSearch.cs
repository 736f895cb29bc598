using Spacegate.Server.Models;
using Spacegate.Server.Models.Search;

namespace Spacegate.Server.ModelApi;

/// <summary>
/// Applies a models(query:) search (docs/SEARCH.md) to the models a caller can see; it runs in the database.
/// <see cref="SearchFieldAccess"/> decides what the caller may search for.
/// </summary>
public static class ModelSearch
{
    /// <summary>Parses <paramref name="query"/> and checks that the caller may search for it and for <paramref name="include"/>.</summary>
    public static SearchNode Parse(ApiCaller caller, string? query, IReadOnlyList<ModelState>? include)
    {
        SearchFieldAccess.RequireMaySearch(caller);
        var result = ModelSearchParser.Parse(query);
        if (result.Error is { } error)
        {
            throw new ApiError(ApiErrorCodes.Invalid, $"Invalid query: {error.Message}") { Position = error.Position };
        }
        SearchFieldAccess.CheckQuery(caller, result.Query!);
        SearchFieldAccess.CheckInclude(caller, include);
        return result.Query!;
    }

    /// <summary>Filters <paramref name="visible"/> by a query <see cref="Parse"/> returned.</summary>
    /// <param name="textIndex">The full-text index substring terms are narrowed with (SQLite), or null (PostgreSQL).</param>
    public static IQueryable<Model> Apply(IQueryable<Model> visible, ApiCaller caller, SearchNode parsed, IReadOnlyList<ModelState>? include,
        SearchDialect dialect, ISearchTextIndex? textIndex = null)
    {
        var models = visible.Where(ModelSearchTranslator.ToPredicate(parsed, SearchFieldAccess.BareWordsFor(caller), dialect, textIndex));
        if (include is { Count: > 0 })
        {
            var states = include.Distinct().ToList();
            models = models.Where(m => states.Contains(m.State));
        }
        return models;
    }
}
