namespace Spacegate.Server.Hosting;

/// <summary>
/// A request body that cannot be read (the client hung up mid-request, or sent a malformed or
/// oversized body) is the client's error, not the server's: answer 400 and log one quiet line
/// instead of letting the exception handler log a failure with a stack trace.
/// </summary>
public sealed class ClientAbortMiddleware(RequestDelegate next, ILogger<ClientAbortMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            logger.LogDebug("Unreadable request to {Path}: {Reason}", context.Request.Path.Value, exception.Message);
            context.Response.Clear();
            context.Response.StatusCode = exception.StatusCode;
            context.Response.Headers.CacheControl = "no-store";
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await context.Response.WriteAsJsonAsync(new { error = "invalid_request", error_description = "The request could not be read." });
            }
            else
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync("<!doctype html><title>Bad request</title><h1>Bad request</h1><p>The request could not be read.</p>");
            }
        }
    }
}
