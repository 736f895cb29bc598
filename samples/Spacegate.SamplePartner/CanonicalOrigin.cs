using Microsoft.Extensions.Options;
using Spacegate.Client;

namespace Spacegate.SamplePartner;

/// <summary>
/// Sends page views to the origin of the registered redirect URI (e.g. localhost rather than 127.0.0.1): the session
/// cookie belongs to one origin, and the callback arrives on the redirect URI's.
/// </summary>
public sealed class CanonicalOrigin(RequestDelegate next, IOptions<SpacegateClientOptions> options)
{
    private readonly Uri? _redirect = options.Value.RedirectUri;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (_redirect is not null && HttpMethods.IsGet(request.Method)
            && !string.Equals(request.Host.Value, _redirect.Authority, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect(_redirect.GetLeftPart(UriPartial.Authority) + request.PathBase + request.Path + request.QueryString);
            return Task.CompletedTask;
        }
        return next(context);
    }
}
