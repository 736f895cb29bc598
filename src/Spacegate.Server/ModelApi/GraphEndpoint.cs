using System.Globalization;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace Spacegate.Server.ModelApi;

/// <summary>
/// <c>/api/models/graph</c>: POST application/json <c>{query, variables, operationName}</c>, POST
/// application/graphql (the body is the query), GET <c>?query=</c> (queries only). Bearer token required.
/// </summary>
public static class GraphEndpoint
{
    public const string Path = "/api/models/graph";
    public const int MaxBodyBytes = 64 * 1024;

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods(Path, [HttpMethods.Get, HttpMethods.Post], HandleAsync).RequireCors(ModelApiExtensions.CorsPolicy);

    private static async Task HandleAsync(HttpContext http, ISchema schema, IDocumentExecuter executer, IOptions<ModelApiOptions> options,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("Spacegate.ModelApi");
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

        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = request.Query,
            Variables = request.Variables,
            OperationName = request.OperationName,
            UserContext = new ApiUserContext(caller!, http),
            RequestServices = http.RequestServices,
            CancellationToken = http.RequestAborted,
            ValidationRules = QueryCostLimits.Rules,
            Timeout = options.Value.ExecutionTimeLimit,
            TimeoutAction = TimeoutAction.ReturnTimeoutError,
            ThrowOnUnhandledException = false,
            UnhandledExceptionDelegate = context =>
            {
                ModelApiLog.FieldFailed(logger, context.OriginalException, context.FieldContext?.FieldDefinition.Name);
                return Task.CompletedTask;
            },
        });
        if (result.Errors?.OfType<TimeoutError>().Any() == true)
        {
            ModelApiLog.TimedOut(logger, options.Value.ExecutionTimeLimit);
            await ApiErrorWriter.WriteAsync(http, ApiError.Invalid(string.Create(CultureInfo.InvariantCulture,
                $"The request ran longer than the limit of {options.Value.ExecutionTimeLimit.TotalSeconds:0.###} s and was stopped: ") +
                "ask for a smaller pageSize, fewer fields or fewer lists."));
            return;
        }
        // A request refused before it ran (syntax, validation, cost) is answered with its error's status.
        await (result.Executed ? ApiErrorWriter.WriteExecutedAsync(http, result) : ApiErrorWriter.WriteAsync(http, result));
    }
}
