using System.Net;

namespace Spacegate.Client.Errors;

/// <summary>
/// The token, revocation or introspection endpoint refused a request for a reason other than a lost grant
/// (e.g. <c>invalid_client</c>, <c>unauthorized_client</c>, <c>slow_down</c>), or could not be reached.
/// </summary>
public sealed class SpacegateTokenException : SpacegateException
{
    /// <summary>Creates the exception.</summary>
    public SpacegateTokenException(string message, string? error, string? errorDescription, HttpStatusCode? status, Exception? inner = null,
        TimeSpan? retryAfter = null)
        : base(message, inner)
    {
        Error = error;
        ErrorDescription = errorDescription;
        Status = status;
        RetryAfter = retryAfter;
    }

    /// <summary>The OAuth error code (RFC 6749 §5.2), when the server answered one.</summary>
    public string? Error { get; }

    /// <summary>The server's <c>error_description</c>.</summary>
    public string? ErrorDescription { get; }

    /// <summary>The HTTP status, when a response arrived.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>How long the server asked to wait before trying again (its <c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; }
}
