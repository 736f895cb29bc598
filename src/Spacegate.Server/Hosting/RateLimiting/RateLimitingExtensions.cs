using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Spacegate.Server.Hosting.RateLimiting;

/// <summary>
/// Rate limits (ASP.NET Core's rate limiter): per client at the token endpoint, per bearer token at the
/// Model API, per address and per email at sign-in. Runs before authentication, so a refused request
/// costs no client-secret or password hash and no database work.
/// </summary>
public static class RateLimitingExtensions
{
    public static IHostApplicationBuilder AddSpacegateRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>()
            .Bind(builder.Configuration.GetSection(RateLimitOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<IOptions<RateLimitOptions>>((limiter, configured) =>
            {
                var limits = configured.Value;
                limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                limiter.OnRejected = RateLimitRejection.WriteAsync;
                limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                    Limit(RateLimitedEndpoint.Token, limits.TokenPerClient, RateLimitKeys.Client),
                    Limit(RateLimitedEndpoint.ModelApi, limits.ModelApiPerToken, RateLimitKeys.BearerToken),
                    Limit(RateLimitedEndpoint.SignIn, limits.SignInPerAddress, RateLimitKeys.Address),
                    Limit(RateLimitedEndpoint.SignIn, limits.SignInPerAccount, RateLimitKeys.Account));
            });
        return builder;
    }

    public static IApplicationBuilder UseSpacegateRateLimiting(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled)
        {
            return app;
        }
        // The token and sign-in keys are form fields: buffer the form (its handler reads it anyway) so
        // the limiter's synchronous key selector finds it. Only a URL-encoded form, the one both endpoints
        // accept: a broken multipart body is left to the endpoint to refuse (its key is then the address).
        app.Use(async (context, next) =>
        {
            if (RateLimitKeys.Classify(context) is RateLimitedEndpoint.Token or RateLimitedEndpoint.SignIn &&
                MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) &&
                type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            await next(context);
        });
        return app.UseRateLimiter();
    }

    private static PartitionedRateLimiter<HttpContext> Limit(RateLimitedEndpoint endpoint, RateLimitRule rule, Func<HttpContext, string?> key) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitKeys.Classify(context) == endpoint && key(context) is { } partition
                ? RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = rule.PermitLimit,
                    Window = rule.Window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(""));
}
