using GraphQL;

namespace Spacegate.Server.ModelApi;

/// <summary>The Model API's error codes (SPEC §5), each with the HTTP status it stands for.</summary>
public static class ApiErrorCodes
{
    public const string Unauthenticated = "request.unauthenticated";
    public const string Unauthorized = "request.unauthorized";
    public const string Invalid = "request.invalid";
    public const string NotFound = "not.found";
    public const string NotUnique = "not.unique";
    public const string Internal = "error.internal";
    public const string RateLimited = "request.rate_limited";

    public static int HttpStatusOf(string? code) => code switch
    {
        Unauthenticated => 401,
        Unauthorized => 403,
        Invalid => 400,
        NotFound => 404,
        NotUnique => 409,
        RateLimited => 429,
        _ => 500,
    };
}

/// <summary>A field or mutation failure reported in <c>errors[]</c> beside a null value.</summary>
public sealed class ApiError : ExecutionError
{
    public ApiError(string code, string message) : base(message)
    {
        Code = code;
    }

    /// <summary>For request.invalid errors about the search query: the 0-based position of the problem.</summary>
    public int? Position { get; init; }

    public static ApiError NotFound(string what, string id) => new(ApiErrorCodes.NotFound, $"{what} '{id}' was not found.");

    public static ApiError MissingScope(string scope, string what) =>
        new(ApiErrorCodes.Unauthorized, $"The token's grant does not include the {scope} scope needed to {what}.");

    public static ApiError Invalid(string message) => new(ApiErrorCodes.Invalid, message);
}
