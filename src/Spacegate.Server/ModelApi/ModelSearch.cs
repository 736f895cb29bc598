using Spacegate.Server.Models;

namespace Spacegate.Server.ModelApi;

/// <summary>Applies a models(query:) search to a query of models.</summary>
public static class ModelSearch
{
    public static IQueryable<Model> Apply(IQueryable<Model> models, string? query) =>
        string.IsNullOrWhiteSpace(query) || query.Trim() == "*"
            ? models
            : throw ApiError.Invalid("Search syntax is not available yet.");
}
