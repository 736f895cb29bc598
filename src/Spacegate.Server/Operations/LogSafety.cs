using Microsoft.Extensions.Options;

namespace Spacegate.Server.Operations;

/// <summary>
/// OpenIddict logs requests and responses, with their tokens, codes and client secrets, at Debug and Trace.
/// Whatever the configuration says (a Default of Debug, an OpenIddict rule, a provider-specific rule), its
/// categories are clamped to Information or above, so no log sink ever receives those values.
/// </summary>
public static class LogSafety
{
    public const string OpenIddictCategory = "OpenIddict";

    public static IServiceCollection AddSpacegateLogSafety(this IServiceCollection services)
    {
        services.AddSingleton<IPostConfigureOptions<LoggerFilterOptions>, ClampOpenIddict>();
        return services;
    }

    private sealed class ClampOpenIddict : IPostConfigureOptions<LoggerFilterOptions>
    {
        public void PostConfigure(string? name, LoggerFilterOptions options)
        {
            var providers = options.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList();
            var rules = options.Rules.Select(Clamp).ToList();
            foreach (var provider in providers)
            {
                if (!rules.Any(r => r.ProviderName == provider && r.CategoryName == OpenIddictCategory))
                {
                    rules.Add(new LoggerFilterRule(provider, OpenIddictCategory, LogLevel.Information, null));
                }
            }
            options.Rules.Clear();
            foreach (var rule in rules)
            {
                options.Rules.Add(rule);
            }
        }

        private static LoggerFilterRule Clamp(LoggerFilterRule rule) =>
            rule.CategoryName?.StartsWith(OpenIddictCategory, StringComparison.Ordinal) == true && (rule.LogLevel ?? LogLevel.Trace) < LogLevel.Information
                ? new LoggerFilterRule(rule.ProviderName, rule.CategoryName, LogLevel.Information, rule.Filter)
                : rule;
    }
}
