namespace Spacegate.Server.Hosting;

/// <summary>
/// Kestrel accepts Host headers that are not valid in a URL (<c>a..b</c>, <c>localhost:99999</c>).
/// OpenIddict then cannot build the request's address, does not recognise its own endpoints, and the
/// request falls through to code that expects it to have: answer 400 here instead, before any of it.
/// </summary>
public sealed class RejectInvalidHost(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (Uri.TryCreate($"{request.Scheme}://{request.Host}{request.PathBase}/", UriKind.Absolute, out _))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(new { error = "invalid_request", error_description = "The Host header is invalid." });
    }
}
