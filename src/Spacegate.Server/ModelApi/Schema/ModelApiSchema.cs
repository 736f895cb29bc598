namespace Spacegate.Server.ModelApi.Schema;

/// <summary>The Model API schema (SPEC §5); docs/model-api.graphql is its printed SDL.</summary>
public sealed class ModelApiSchema : GraphQL.Types.Schema
{
    public ModelApiSchema()
    {
        Query = new QueryType();
        Mutation = new MutationType();
        Description = "Spacegate Model API";
    }
}
