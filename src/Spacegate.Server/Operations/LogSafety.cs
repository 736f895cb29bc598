using Microsoft.Extensions.Options;

namespace Spacegate.Server.Operations;

/// <summary>
/// Log categories that would write secrets, whatever the configuration says (a Default of Debug, a rule for
/// the category, a provider-specific rule), are clamped to Warning or above:
/// <list type="bullet">
/// <item>OpenIddict logs requests and responses, with their tokens, codes and client secrets, at Debug and Trace,
/// and at Information every extracted request with only some parameters redacted (the PKCE code_verifier is not).</item>
/// <item>ASP.NET Core's request lines ("Request starting ...", Information) carry the full query string, and a
/// Private Model Embed link carries its token there (<c>/show?m=...&amp;auth=Bearer+TOKEN</c>). Request counts and
/// durations are at /metrics instead.</item>
/// </list>
/// </summary>
public static class LogSafety
{
    public const LogLevel MinimumLevel = LogLevel.Warning;

    public static IReadOnlyList<string> ClampedCategories { get; } = ["OpenIddict", "Microsoft.AspNetCore.Hosting.Diagnostics"];

    public static IServiceCollection AddSpacegateLogSafety(this IServiceCollection services)
    {
        services.AddSingleton<IPostConfigureOptions<LoggerFilterOptions>, Clamp>();
        return services;
    }

    private sealed class Clamp : IPostConfigureOptions<LoggerFilterOptions>
    {
        public void PostConfigure(string? name, LoggerFilterOptions options)
        {
            var providers = options.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList();
            var rules = options.Rules.Select(Raise).ToList();
            foreach (var provider in providers)
            {
                foreach (var category in ClampedCategories)
                {
                    if (!rules.Any(r => r.ProviderName == provider && r.CategoryName == category))
                    {
                        rules.Add(new LoggerFilterRule(provider, category, MinimumLevel, null));
                    }
                }
            }
            options.Rules.Clear();
            foreach (var rule in rules)
            {
                options.Rules.Add(rule);
            }
        }

        private static LoggerFilterRule Raise(LoggerFilterRule rule) =>
            rule.CategoryName is { } category && ClampedCategories.Any(c => category.StartsWith(c, StringComparison.Ordinal)) &&
            (rule.LogLevel ?? LogLevel.Trace) < MinimumLevel
                ? new LoggerFilterRule(rule.ProviderName, rule.CategoryName, MinimumLevel, rule.Filter)
                : rule;
    }
}
