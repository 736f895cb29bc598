using GraphQL;
using GraphQL.Execution;

namespace Spacegate.Server.ModelApi;

/// <summary>
/// Every error in <c>errors[]</c> carries <c>extensions.code</c> and <c>extensions.httpStatus</c> (SPEC §5).
/// Document, syntax, variable, validation and cost errors are <c>request.invalid</c>; unexpected failures are
/// <c>error.internal</c> with a generic message (the details go to the server log only).
/// </summary>
public sealed class ApiErrorInfoProvider : IErrorInfoProvider
{
    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        var (code, status, message) = executionError switch
        {
            ApiError api => (api.Code!, api.Status, api.Message),
            UnhandledError => (ApiErrorCodes.Internal, 500, "The server could not complete the request."),
            _ => (ApiErrorCodes.Invalid, 400, executionError.Message),
        };
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = code,
            ["httpStatus"] = status,
        };
        if (executionError is ApiError { Position: { } position })
        {
            extensions["position"] = position;
        }
        return new ErrorInfo { Message = message, Extensions = extensions };
    }

    /// <summary>The HTTP status of an error as <see cref="GetInfo"/> reports it.</summary>
    public static int StatusOf(ExecutionError error) => error switch
    {
        ApiError api => api.Status,
        UnhandledError => 500,
        _ => 400,
    };
}
