namespace Spacegate.Server.Hosting;

/// <summary>
/// No page may be framed (clickjacking of sign-in and consent), except the /show viewer, which
/// exists to be embedded by other sites. A page that sets its own Content-Security-Policy (the Model API
/// explorer) keeps it, and must say <c>frame-ancestors 'none'</c> itself.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (!context.Request.Path.StartsWithSegments("/show"))
            {
                headers.XFrameOptions = "DENY";
                if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = "frame-ancestors 'none'";
                }
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}
