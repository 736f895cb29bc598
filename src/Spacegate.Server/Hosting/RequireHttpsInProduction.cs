using Microsoft.Extensions.Options;
using Spacegate.Server.OAuth;

namespace Spacegate.Server.Hosting;

/// <summary>
/// In production, a request that reached the server over plain HTTP (and not from a trusted proxy that
/// says the client used HTTPS) is refused: sign-in cookies, client secrets and tokens must not cross the
/// network in clear. Health probes are exempt, since load balancers often call nodes directly.
/// </summary>
public sealed class RequireHttpsInProduction(RequestDelegate next, IOptions<SpacegateOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (options.Value.IsSandbox || context.Request.IsHttps || context.Request.Path.StartsWithSegments("/health"))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(new { error = "invalid_request", error_description = "This server only accepts HTTPS requests." });
    }
}
