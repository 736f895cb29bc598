using Microsoft.Extensions.Options;
using Spacegate.Client;

namespace Spacegate.SamplePartner;

/// <summary>
/// A strict CSP: scripts only from this app and from Spacegate (the SDK module), frames only from Spacegate (the
/// viewer), no inline script or style; and no page of this app may be framed.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<SpacegateClientOptions> options)
{
    private readonly string _policy = Policy(options.Value.BaseAddress!);

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = _policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        return next(context);
    }

    private static string Policy(Uri spacegate)
    {
        var origin = spacegate.GetLeftPart(UriPartial.Authority);
        return $"default-src 'self'; script-src 'self' {origin}; frame-src {origin}; connect-src 'self'; img-src 'self' data:; "
            + "style-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }
}
