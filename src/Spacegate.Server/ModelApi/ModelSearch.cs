using Spacegate.Server.Models;
using Spacegate.Server.Models.Search;

namespace Spacegate.Server.ModelApi;

/// <summary>
/// Applies a models(query:) search (docs/SEARCH.md) to the models a caller can see; it runs in the database.
/// <see cref="SearchFieldAccess"/> decides what the caller may search for.
/// </summary>
public static class ModelSearch
{
    /// <param name="textIndex">The full-text index substring terms are narrowed with (SQLite), or null (PostgreSQL).</param>
    public static IQueryable<Model> Apply(IQueryable<Model> visible, ApiCaller caller, string? query, IReadOnlyList<ModelState>? include,
        SearchDialect dialect, ISearchTextIndex? textIndex = null) =>
        Apply(visible, caller, query, include, dialect, textIndex, out _);

    /// <param name="parsed">The parsed query, once it has passed the access checks.</param>
    public static IQueryable<Model> Apply(IQueryable<Model> visible, ApiCaller caller, string? query, IReadOnlyList<ModelState>? include,
        SearchDialect dialect, ISearchTextIndex? textIndex, out SearchNode parsed)
    {
        SearchFieldAccess.RequireMaySearch(caller);
        var result = ModelSearchParser.Parse(query);
        if (result.Error is { } error)
        {
            throw new ApiError(ApiErrorCodes.Invalid, $"Invalid query: {error.Message}") { Position = error.Position };
        }
        SearchFieldAccess.CheckQuery(caller, result.Query!);
        SearchFieldAccess.CheckInclude(caller, include);
        parsed = result.Query!;
        var models = visible.Where(ModelSearchTranslator.ToPredicate(parsed, SearchFieldAccess.BareWordsFor(caller), dialect, textIndex));
        if (include is { Count: > 0 })
        {
            var states = include.Distinct().ToList();
            models = models.Where(m => states.Contains(m.State));
        }
        return models;
    }
}
