using GraphQL;
using GraphQL.Execution;

namespace Spacegate.Server.ModelApi;

/// <summary>
/// Every error in <c>errors[]</c> carries <c>extensions.code</c> and <c>extensions.httpStatus</c> (SPEC §5).
/// Document, syntax and variable errors are <c>request.invalid</c>; unexpected failures are
/// <c>error.internal</c> with a generic message (the details go to the server log only).
/// </summary>
public sealed class ApiErrorInfoProvider : IErrorInfoProvider
{
    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        var (code, message) = executionError switch
        {
            ApiError api => (api.Code!, api.Message),
            UnhandledError => (ApiErrorCodes.Internal, "The server could not complete the request."),
            _ => (ApiErrorCodes.Invalid, executionError.Message),
        };
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = code,
            ["httpStatus"] = ApiErrorCodes.HttpStatusOf(code),
        };
        if (executionError is ApiError { Position: { } position })
        {
            extensions["position"] = position;
        }
        return new ErrorInfo { Message = message, Extensions = extensions };
    }
}
