using GraphQL;
using GraphQL.Types;
using Spacegate.Server.Models;

namespace Spacegate.Server.ModelApi.Schema;

public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        Field<ModelType>("model")
            .Description("One model of the token's account; not.found when it does not exist or the token may not see it.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var caller = c.Caller();
                ModelAccess.RequireViewScope(caller);
                var id = c.GetArgument<string>("id");
                return await c.Service<ModelReader>().FindVisibleAsync(caller, id, c.CancellationToken)
                    ?? throw ApiError.NotFound("Model", id);
            });

        Field<ModelSearchResultListType>("models")
            .Description("Searches the token's account. See docs/SEARCH.md for the query syntax.")
            .Argument<StringGraphType>("query", a => a.DefaultValue = "*")
            .Argument<ListGraphType<NonNullGraphType<SearchInclusionType>>>("include",
                "Model states to include; every state when omitted.")
            .Argument<ListGraphType<NonNullGraphType<ModelSortInputType>>>("sortBy",
                "Sort order; newest first when omitted.")
            .Argument<IntGraphType>("pageSize", a => { a.DefaultValue = 10; a.Description = "1 to 1000."; })
            .Argument<StringGraphType>("offset", "The nextOffset of the previous page.")
            .ResolveAsync(async c => await c.Service<ModelReader>().SearchAsync(
                c.Caller(),
                c.GetArgument<string?>("query"),
                c.GetArgument<List<ModelState>?>("include"),
                c.GetArgument<List<ModelSort>?>("sortBy"),
                c.GetArgument("pageSize", 10),
                c.GetArgument<string?>("offset"),
                c.CancellationToken));
    }
}

public sealed class ModelSearchResultListType : ObjectGraphType<ModelPage>
{
    public ModelSearchResultListType()
    {
        Name = "ModelSearchResultList";
        Field<StringGraphType>("nextOffset").Description("Pass as offset for the next page; null on the last page.")
            .Resolve(c => c.Source.NextOffset);
        Field<NonNullGraphType<IntGraphType>>("totalResults").Resolve(c => c.Source.TotalResults);
        Field<ListGraphType<NonNullGraphType<ModelType>>>("results").Resolve(c => c.Source.Results);
    }
}
