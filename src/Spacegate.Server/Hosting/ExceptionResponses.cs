using Microsoft.AspNetCore.Diagnostics;

namespace Spacegate.Server.Hosting;

/// <summary>An unexpected failure never shows a stack trace: JSON for the API, a page for people.</summary>
public static class ExceptionResponses
{
    public static void Handle(IApplicationBuilder app) => app.Run(async context =>
    {
        var feature = context.Features.Get<IExceptionHandlerPathFeature>();
        var isApi = feature?.Path.StartsWith("/api", StringComparison.OrdinalIgnoreCase) == true;
        var badRequest = feature?.Error is BadHttpRequestException or InvalidDataException;
        context.Response.StatusCode = badRequest ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError;
        context.Response.Headers.CacheControl = "no-store";
        if (isApi)
        {
            await context.Response.WriteAsJsonAsync(badRequest
                ? new { error = "invalid_request", error_description = "The request could not be read." }
                : new { error = "server_error", error_description = "The server could not complete the request." });
            return;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(badRequest
            ? "<!doctype html><title>Bad request</title><h1>Bad request</h1><p>The request could not be read.</p>"
            : "<!doctype html><title>Error</title><h1>Something went wrong</h1><p>The server could not complete the request. Please try again.</p>");
    });
}
