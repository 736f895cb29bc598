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

    private static async Task HandleAsync(HttpContext http, ISchema schema, IDocumentExecuter executer,
        IGraphQLTextSerializer serializer, ILoggerFactory loggers)
    {
        http.Response.Headers.CacheControl = "no-store";
        var (status, caller) = await BearerAuthenticator.AuthenticateAsync(http);
        if (status == BearerStatus.Missing)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"spacegate\"";
            await WriteErrorAsync(http, serializer, 401,
                new ApiError(ApiErrorCodes.Unauthenticated, "An access token is required: send Authorization: Bearer <token>."));
            return;
        }
        if (status == BearerStatus.Invalid)
        {
            // The documented answer to an invalid, expired or revoked token.
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await http.Response.WriteAsJsonAsync(new { error = "invalid_grant" });
            return;
        }

        var read = await GraphRequestReader.ReadAsync(http, serializer);
        if (read.Error is { } problem)
        {
            await WriteErrorAsync(http, serializer, read.Status, problem);
            return;
        }
        var request = read.Request!;
        if (HttpMethods.IsGet(http.Request.Method) && GraphRequestReader.IsMutation(request))
        {
            http.Response.Headers.Allow = "POST";
            await WriteErrorAsync(http, serializer, 405, ApiError.Invalid("Mutations must be sent with POST."));
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
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    public static async Task WriteErrorAsync(HttpContext http, IGraphQLTextSerializer serializer, int status, ExecutionError error)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, new ExecutionResult { Errors = [error] }, http.RequestAborted);
    }
}
