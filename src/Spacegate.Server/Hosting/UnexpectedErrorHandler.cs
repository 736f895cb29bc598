using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Spacegate.Server.Hosting;

/// <summary>
/// The one place an exception that escaped a request turns into a response. The client never sees a
/// stack trace or an exception message: OAuth endpoints answer in RFC 6749 JSON, the rest of the API
/// in problem+json, and a browser gets the error page (the exception middleware re-executes /error when
/// this handler declines). A body that cannot be read is the client's fault (400, or 413 when too
/// large) and is logged quietly; anything else is a 500 logged with the exception but never the query
/// string, which may carry a token (<c>/show?auth=Bearer+…</c>). A database that is out of reach for a moment (PostgreSQL
/// down or restarting, a connection timeout, SQLite busy) is a 503 with <c>Retry-After</c>, in the same shapes
/// (<c>temporarily_unavailable</c> on OAuth endpoints), so a client or load balancer retries instead of giving up.
/// </summary>
public sealed partial class UnexpectedErrorHandler(IProblemDetailsService problems, ILogger<UnexpectedErrorHandler> logger)
    : IExceptionHandler
{
    private static readonly PathString[] OAuthPaths = ["/api/oauth", "/.well-known"];

    /// <summary>Seconds a client should wait before retrying after a 503.</summary>
    public const int RetryAfterSeconds = 5;

    public static int StatusCodeFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException => StatusCodes.Status400BadRequest,
        _ when IsTransientDatabaseFailure(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>
    /// True when the exception, or one it wraps (EF Core and OpenIddict's stores wrap the provider's), says the database
    /// could not be reached or was busy: worth retrying, not a bug.
    /// </summary>
    public static bool IsTransientDatabaseFailure(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Npgsql.NpgsqlException npgsql when npgsql.IsTransient:
                // The server is shutting down, crashed or starting: what a restart or failover looks like.
                case Npgsql.PostgresException { SqlState: "57P01" or "57P02" or "57P03" }:
                // SQLITE_BUSY (5) and SQLITE_LOCKED (6): another writer held the file longer than the busy timeout.
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }:
                    return true;
            }
        }
        return false;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var status = StatusCodeFor(exception);
        // The middleware has already pointed Request.Path at /error: the feature keeps the original.
        var original = http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path.Value ?? "";
        var path = new PathString(original);
        if (status >= StatusCodes.Status500InternalServerError)
        {
            Log.Failed(logger, exception, http.Request.Method, original);
        }
        else
        {
            Log.Unreadable(logger, http.Request.Method, original, exception.GetType().Name);
        }

        http.Response.StatusCode = status;
        var unavailable = status == StatusCodes.Status503ServiceUnavailable;
        if (unavailable)
        {
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        try
        {
            return http.RequestAborted.IsCancellationRequested // nobody is listening
                || await WriteAsync(http, path, status, unavailable, cancellationToken);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return true; // the client left while the answer was being written
        }
    }

    private async ValueTask<bool> WriteAsync(HttpContext http, PathString path, int status, bool unavailable,
        CancellationToken cancellationToken)
    {
        if (OAuthPaths.Any(path.StartsWithSegments))
        {
            await http.Response.WriteAsJsonAsync(status < 500 ? new OAuthError("invalid_request", "The request could not be read.")
                : unavailable ? new OAuthError("temporarily_unavailable", "The server is temporarily unavailable; retry shortly.")
                : new OAuthError("server_error", "The server could not complete the request."), cancellationToken);
            return true;
        }
        if (!path.StartsWithSegments("/api") && WantsHtml(http.Request))
        {
            if (unavailable)
            {
                // Not the /error page: its re-execution would go through the middleware that reads the database.
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync(UnavailablePage, cancellationToken);
                return true;
            }
            return false; // the exception middleware renders the /error page
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = status < 500 ? "The request could not be read."
                    : unavailable ? "The server is temporarily unavailable; retry shortly."
                    : "The server could not complete the request.",
            },
        });
    }

    private const string UnavailablePage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Temporarily unavailable</title></head>
        <body><h1>Temporarily unavailable</h1><p>The service is temporarily unavailable. Please try again in a moment.</p></body></html>
        """;

    private static bool WantsHtml(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted) &&
        accepted.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private sealed record OAuthError(
        [property: System.Text.Json.Serialization.JsonPropertyName("error")] string Error,
        [property: System.Text.Json.Serialization.JsonPropertyName("error_description")] string Description);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1100, Level = LogLevel.Error, Message = "{Method} {Path} failed.")]
        public static partial void Failed(ILogger logger, Exception exception, string method, string path);

        [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "{Method} {Path}: the request could not be read ({Reason}).")]
        public static partial void Unreadable(ILogger logger, string method, string path, string reason);
    }
}
