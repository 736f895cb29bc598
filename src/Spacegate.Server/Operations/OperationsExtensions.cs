using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using Spacegate.Server.Audit;
using Spacegate.Server.Data;
using Spacegate.Server.OAuth;

namespace Spacegate.Server.Operations;

/// <summary>Health checks (/health/live, /health/ready, /health), OpenTelemetry metrics at /metrics and log safety.</summary>
public static class OperationsExtensions
{
    private const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddSpacegateOperations(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<SpacegateMetrics>();
        services.AddOptions<PruneOptions>().Bind(builder.Configuration.GetSection(PruneOptions.Section))
            .Validate(o => o.Interval > TimeSpan.Zero && o.OlderThan >= TimeSpan.Zero && o.BatchSize > 0,
                "Prune:Interval must be positive, Prune:OlderThan not negative and Prune:BatchSize positive.")
            .ValidateOnStart();
        services.AddScoped<TokenPruner>();
        services.AddHttpContextAccessor();
        services.AddScoped<AuditActor>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditQuery>();
        services.AddHostedService<TokenPruneService>();
        services.AddSpacegateLogSafety();
        services.AddHealthChecks()
            .AddDbContextCheck<SpacegateDbContext>("database", HealthStatus.Unhealthy, [ReadyTag])
            .AddCheck<MigrationsHealthCheck>("migrations", HealthStatus.Unhealthy, [ReadyTag]);

        var metrics = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        services.AddSingleton(metrics);
        if (!metrics.Enabled)
        {
            return builder;
        }
        services.AddOpenTelemetry().WithMetrics(meters => meters
            .AddMeter(SpacegateMetrics.MeterName, "Microsoft.EntityFrameworkCore")
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            // No cached scrape: two scrapes a moment apart (an operator checking a counter) must both be current.
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        if (metrics.Port is { } port && builder is WebApplicationBuilder web)
        {
            // Kestrel listens on the metrics port as well as on the configured URLs.
            var urls = web.Configuration["urls"] ?? web.Configuration["ASPNETCORE_URLS"] ?? "http://localhost:5000";
            var host = metrics.Host ?? HostOf(urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0]);
            web.WebHost.UseUrls($"{urls};http://{host}:{port}");
        }
        return builder;
    }

    /// <summary>Early in the pipeline: the scraping endpoint (on its own port when one is set) and the health endpoints.</summary>
    public static WebApplication UseSpacegateOperations(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<MetricsOptions>();
        if (metrics.Enabled)
        {
            var path = new PathString(metrics.Path);
            if (metrics.Port is { } port)
            {
                // The metrics port serves metrics and nothing else.
                app.UseWhen(c => c.Connection.LocalPort == port && !c.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase),
                    branch => branch.Run(c =>
                    {
                        c.Response.StatusCode = StatusCodes.Status404NotFound;
                        return Task.CompletedTask;
                    }));
            }
            app.UseOpenTelemetryPrometheusScrapingEndpoint(c =>
                c.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase) &&
                (metrics.Port is not { } only || c.Connection.LocalPort == only));
        }

        // Middleware rather than endpoints: answered before anything else in the pipeline touches the database.
        app.UseHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync });
        var ready = new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthResponse.WriteAsync };
        app.UseHealthChecks("/health/ready", ready);
        app.UseHealthChecks("/health", ready); // the older name, used by bench scripts: ready semantics
        return app;
    }

    private static string HostOf(string url)
    {
        var rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var end = rest.StartsWith('[') ? rest.IndexOf(']') + 1 : rest.LastIndexOf(':') is var colon and > 0 ? colon : rest.Length;
        return rest[..end];
    }
}
