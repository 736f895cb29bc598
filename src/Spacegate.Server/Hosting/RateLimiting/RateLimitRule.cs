namespace Spacegate.Server.Hosting.RateLimiting;

/// <summary>At most <see cref="PermitLimit"/> requests per <see cref="Window"/> (a fixed window) for one key.</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
