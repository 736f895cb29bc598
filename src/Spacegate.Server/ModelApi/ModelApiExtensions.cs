using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using Spacegate.Server.Pages.ModelApiExplorer;
using Spacegate.Server.ModelApi.Schema;
using Spacegate.Server.OAuth;

namespace Spacegate.Server.ModelApi;

public static class ModelApiExtensions
{
    public const string CorsPolicy = "ModelApi";

    public static IServiceCollection AddSpacegateModelApi(this IServiceCollection services)
    {
        services.AddSingleton<ISchema, ModelApiSchema>();
        // Resolvers share the request's DbContext, so fields run one at a time.
        services.AddSingleton<IDocumentExecuter>(_ => new DocumentExecuter(
            new GraphQLDocumentBuilder(),
            new QueryShapeValidator(new GraphQL.Validation.DocumentValidator()),
            new DefaultExecutionStrategySelector(
            [
                new ExecutionStrategyRegistration(SerialExecutionStrategy.Instance, OperationType.Query),
                new ExecutionStrategyRegistration(SerialExecutionStrategy.Instance, OperationType.Mutation),
            ]),
            []));
        // Relaxed escaping keeps links readable ("&", "+", accents) while staying valid JSON.
        services.AddSingleton<IGraphQLTextSerializer>(_ => new GraphQLSerializer(
            options => options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            new ApiErrorInfoProvider()));
        // Browser-only (implicit) apps call the API from their own origin with a bearer token; no cookies
        // are involved, so any origin may call it.
        services.AddCors(options => options.AddPolicy(CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Post)
            .WithHeaders("Authorization", "Content-Type")
            .WithExposedHeaders("WWW-Authenticate", "Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        services.AddSingleton<SignedUrls>();
        services.AddOptions<ModelApiOptions>().BindConfiguration(ModelApiOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModelApiOptions>, ModelApiOptionsValidator>();
        services.AddSingleton<BearerTokenCache>();
        services.AddScoped<ModelReader>();
        services.AddScoped<ModelBatches>();
        services.AddScoped<ModelEditor>();
        services.AddScoped<ModelCreator>();
        services.AddScoped<EmbedTokens>();
        services.AddHttpClient(DemoTokenEndpoint.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        return services;
    }

    public static void MapSpacegateModelApi(this IEndpointRouteBuilder endpoints)
    {
        GraphEndpoint.Map(endpoints);
        FileEndpoint.Map(endpoints);
        // The explorer's demo tokens exist in the sandbox only (the explorer page itself is a Razor page).
        if (endpoints.ServiceProvider.GetRequiredService<IOptions<SpacegateOptions>>().Value.IsSandbox)
        {
            DemoTokenEndpoint.Map(endpoints);
        }
    }
}
