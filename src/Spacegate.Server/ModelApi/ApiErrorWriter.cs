using GraphQL;
using GraphQL.Execution;

namespace Spacegate.Server.ModelApi;

/// <summary>
/// The one writer of Model API error responses (the GraphQL endpoint and the signed download URLs): a body
/// <c>{"errors":[{message, extensions:{code, httpStatus}}]}</c> serialized through <see cref="ApiErrorInfoProvider"/>,
/// with the HTTP status equal to <c>extensions.httpStatus</c>. The only other body is the documented answer to an
/// invalid access token.
/// </summary>
public static class ApiErrorWriter
{
    public static Task WriteAsync(HttpContext http, ApiError error) => WriteAsync(http, new ExecutionResult { Errors = [error] });

    /// <summary>Writes a result that did not run (refused by parsing, validation or the cost limits) or that failed.</summary>
    public static async Task WriteAsync(HttpContext http, ExecutionResult result)
    {
        http.Response.StatusCode = result.Errors is [var first, ..] ? ApiErrorInfoProvider.StatusOf(first) : StatusCodes.Status500InternalServerError;
        await WriteBodyAsync(http, result);
    }

    /// <summary>Writes an executed result (data, with field errors beside their null values) as 200.</summary>
    public static async Task WriteExecutedAsync(HttpContext http, ExecutionResult result)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        await WriteBodyAsync(http, result);
    }

    /// <summary>A missing token: 401 request.unauthenticated with the RFC 6750 challenge.</summary>
    public static Task WriteMissingTokenAsync(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer realm=\"spacegate\"";
        return WriteAsync(http, ApiError.Unauthenticated("An access token is required: send Authorization: Bearer <token>."));
    }

    /// <summary>The documented answer to an invalid, expired or revoked token (SPEC §4), not a GraphQL body.</summary>
    public static Task WriteInvalidTokenAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return http.Response.WriteAsJsonAsync(new { error = "invalid_grant" }, http.RequestAborted);
    }

    /// <summary>The same error body as an <see cref="IResult"/>, for minimal-API handlers.</summary>
    public static IResult Result(ApiError error) => new ErrorResult(error);

    private static async Task WriteBodyAsync(HttpContext http, ExecutionResult result)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var serializer = http.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    private sealed class ErrorResult(ApiError error) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, error);
    }
}
