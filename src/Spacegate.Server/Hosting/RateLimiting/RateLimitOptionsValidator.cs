using Microsoft.Extensions.Options;

namespace Spacegate.Server.Hosting.RateLimiting;

public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        Check(nameof(RateLimitOptions.TokenPerClient), options.TokenPerClient, failures);
        Check(nameof(RateLimitOptions.ModelApiPerToken), options.ModelApiPerToken, failures);
        Check(nameof(RateLimitOptions.SignInPerAddress), options.SignInPerAddress, failures);
        Check(nameof(RateLimitOptions.SignInPerAccount), options.SignInPerAccount, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string name, RateLimitRule? rule, List<string> failures)
    {
        var prefix = $"{RateLimitOptions.Section}:{name}";
        if (rule is null)
        {
            failures.Add($"{prefix} is missing.");
            return;
        }
        if (rule.PermitLimit < 1)
        {
            failures.Add($"{prefix}:PermitLimit must be at least 1 (set {RateLimitOptions.Section}:Enabled=false to turn limits off).");
        }
        if (rule.Window < TimeSpan.FromSeconds(1) || rule.Window > TimeSpan.FromDays(1))
        {
            failures.Add($"{prefix}:Window must be between 00:00:01 and 1.00:00:00.");
        }
    }
}
