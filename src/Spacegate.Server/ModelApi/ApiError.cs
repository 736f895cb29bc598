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

    public static int HttpStatusOf(string? code) => code switch
    {
        Unauthenticated => 401,
        Unauthorized => 403,
        Invalid => 400,
        NotFound => 404,
        NotUnique => 409,
        _ => 500,
    };
}

/// <summary>
/// A Model API failure: reported in <c>errors[]</c> beside a null value, or as the whole response when the
/// request is refused before it runs. <see cref="ApiErrorWriter"/> and <see cref="ApiErrorInfoProvider"/> write it.
/// </summary>
public sealed class ApiError : ExecutionError
{
    public ApiError(string code, string message) : base(message)
    {
        Code = code;
    }

    /// <summary>For request.invalid errors about the search query: the 0-based position of the problem.</summary>
    public int? Position { get; init; }

    /// <summary>
    /// The HTTP status when it is more specific than the code's (413 body too large, 415 media type,
    /// 405 method); <c>extensions.httpStatus</c> and the response status then agree.
    /// </summary>
    public int? HttpStatus { get; init; }

    public int Status => HttpStatus ?? ApiErrorCodes.HttpStatusOf(Code);

    public static ApiError NotFound(string what, string id) => new(ApiErrorCodes.NotFound, $"{what} '{id}' was not found.");

    public static ApiError MissingScope(string scope, string what) =>
        new(ApiErrorCodes.Unauthorized, $"The token's grant does not include the {scope} scope needed to {what}.");

    public static ApiError Unauthorized(string message) => new(ApiErrorCodes.Unauthorized, message);

    public static ApiError Invalid(string message) => new(ApiErrorCodes.Invalid, message);

    public static ApiError Unauthenticated(string message) => new(ApiErrorCodes.Unauthenticated, message);
}
