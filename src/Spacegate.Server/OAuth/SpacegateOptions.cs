using Microsoft.Extensions.Options;

namespace Spacegate.Server.OAuth;

public enum ServerMode
{
    /// <summary>Local sandbox: demo data on first start, sandbox clock available.</summary>
    Sandbox,
    Production,
}

public sealed class SpacegateOptions
{
    public const string Section = "Spacegate";

    public ServerMode Mode { get; set; } = ServerMode.Sandbox;

    /// <summary>The public base URL used in links the server builds (discovery, PME links). Empty: the request's own.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a rotated refresh token keeps working (returning the same successor).</summary>
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Seeds demo users, accounts and apps on first start (sandbox mode only).</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>Failed sign-ins before the account is locked out for <see cref="LockoutMinutes"/>.</summary>
    public int MaxFailedSignIns { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;

    public bool IsSandbox => Mode == ServerMode.Sandbox;
}

public sealed class SpacegateOptionsValidator : IValidateOptions<SpacegateOptions>
{
    public ValidateOptionsResult Validate(string? name, SpacegateOptions options)
    {
        var failures = new List<string>();
        if (options.RefreshTokenReuseLeeway < TimeSpan.Zero || options.RefreshTokenReuseLeeway > TimeSpan.FromHours(1))
        {
            failures.Add("Spacegate:RefreshTokenReuseLeeway must be between 00:00:00 and 01:00:00.");
        }
        if (!string.IsNullOrEmpty(options.PublicBaseUrl) &&
            (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            failures.Add($"Spacegate:PublicBaseUrl '{options.PublicBaseUrl}' must be an absolute http(s) URL.");
        }
        if (options.MaxFailedSignIns < 1)
        {
            failures.Add("Spacegate:MaxFailedSignIns must be at least 1.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
