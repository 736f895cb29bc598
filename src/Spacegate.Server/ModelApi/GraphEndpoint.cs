using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;

namespace Spacegate.Server.ModelApi;

/// <summary>
/// <c>/api/models/graph</c>: POST application/json <c>{query, variables, operationName}</c>, POST
/// application/graphql (the body is the query), GET <c>?query=</c> (queries only). Bearer token required.
/// </summary>
public static class GraphEndpoint
{
    public const string Path = "/api/models/graph";
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxDepth = 10;
    public const int MaxComplexity = 20_000;

    private static readonly IValidationRule[] Rules =
    [
        .. DocumentValidator.CoreRules,
        new ComplexityValidationRule(new ComplexityOptions { MaxDepth = MaxDepth, MaxComplexity = MaxComplexity }),
    ];

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods(Path, [HttpMethods.Get, HttpMethods.Post], HandleAsync).RequireCors(ModelApiExtensions.CorsPolicy);

    private static async Task HandleAsync(HttpContext http, ISchema schema, IDocumentExecuter executer, ILoggerFactory loggers)
    {
        http.Response.Headers.CacheControl = "no-store";
        var (status, caller) = await BearerAuthenticator.AuthenticateAsync(http);
        if (status == BearerStatus.Missing)
        {
            await ApiErrorWriter.WriteMissingTokenAsync(http);
            return;
        }
        if (status == BearerStatus.Invalid)
        {
            await ApiErrorWriter.WriteInvalidTokenAsync(http);
            return;
        }

        var read = await GraphRequestReader.ReadAsync(http, http.RequestServices.GetRequiredService<IGraphQLTextSerializer>());
        if (read.Error is { } problem)
        {
            await ApiErrorWriter.WriteAsync(http, problem);
            return;
        }
        var request = read.Request!;
        if (HttpMethods.IsGet(http.Request.Method) && GraphRequestReader.IsMutation(request))
        {
            http.Response.Headers.Allow = "POST";
            await ApiErrorWriter.WriteAsync(http, new ApiError(ApiErrorCodes.Invalid, "Mutations must be sent with POST.") { HttpStatus = 405 });
            return;
        }

        var logger = loggers.CreateLogger("Spacegate.ModelApi");
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = request.Query,
            Variables = request.Variables,
            OperationName = request.OperationName,
            UserContext = new ApiUserContext(caller!, http),
            RequestServices = http.RequestServices,
            CancellationToken = http.RequestAborted,
            ValidationRules = Rules,
            ThrowOnUnhandledException = false,
            UnhandledExceptionDelegate = context =>
            {
                logger.LogError(context.OriginalException, "Model API field {Field} failed", context.FieldContext?.FieldDefinition.Name);
                return Task.CompletedTask;
            },
        });
        // A request refused before it ran (syntax, validation, cost) is answered with its error's status.
        await (result.Executed ? ApiErrorWriter.WriteExecutedAsync(http, result) : ApiErrorWriter.WriteAsync(http, result));
    }
}
