using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Spacegate.Server.ModelApi;

namespace Spacegate.Server.Hosting.RateLimiting;

/// <summary>
/// The 429 answer, with Retry-After, in the format of the endpoint that refused: an OAuth error for the
/// token endpoint (RFC 6749 §5.2 shape), a GraphQL <c>errors[]</c> for the Model API, a page for sign-in.
/// </summary>
public static partial class RateLimitRejection
{
    public static async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var endpoint = RateLimitKeys.Classify(context);
        var retryAfter = RetryAfterSeconds(rejected.Lease, endpoint, context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        context.RequestServices.GetRequiredService<Operations.SpacegateMetrics>().RateLimitRefused(endpoint.ToString().ToLowerInvariant());
        Log.Rejected(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimitRejection)), endpoint);

        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        switch (endpoint)
        {
            case RateLimitedEndpoint.Token:
                await response.WriteAsJsonAsync(new
                {
                    error = "slow_down",
                    error_description = $"Too many token requests for this client. Retry after {retryAfter} seconds.",
                }, cancellationToken);
                break;
            case RateLimitedEndpoint.ModelApi:
                // SPEC §5 has no rate-limit code: request.invalid, with the 429 status in extensions.httpStatus.
                await ApiErrorWriter.WriteAsync(context, new ApiError(ApiErrorCodes.Invalid,
                    $"Too many requests with this token. Retry after {retryAfter} seconds.") { HttpStatus = StatusCodes.Status429TooManyRequests });
                break;
            default:
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync(
                    "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Too many sign-in attempts</title>" +
                    "<h1>Too many sign-in attempts</h1>" +
                    $"<p role=\"alert\" id=\"rate-limited\">There were too many sign-in attempts in a short time. Wait {retryAfter} seconds, then " +
                    $"<a href=\"{WebUtility.HtmlEncode(RateLimitKeys.SignInPath.Value)}\">try again</a>.</p></html>", cancellationToken);
                break;
        }
    }

    private static int RetryAfterSeconds(RateLimitLease lease, RateLimitedEndpoint endpoint, RateLimitOptions options)
    {
        var window = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : endpoint switch
        {
            RateLimitedEndpoint.Token => options.TokenPerClient.Window,
            RateLimitedEndpoint.ModelApi => options.ModelApiPerToken.Window,
            _ => TimeSpan.FromTicks(Math.Max(options.SignInPerAddress.Window.Ticks, options.SignInPerAccount.Window.Ticks)),
        };
        return (int)Math.Max(1, Math.Ceiling(window.TotalSeconds));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Rate limit reached at the {Endpoint} endpoint; answered 429.")]
        public static partial void Rejected(ILogger logger, RateLimitedEndpoint endpoint);
    }
}
