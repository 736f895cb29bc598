namespace Spacegate.Server.Hosting.RateLimiting;

/// <summary>
/// The <c>RateLimits</c> section: bounds on what one client, token, address or account can make the
/// server do. Defaults are generous enough for normal use; over a limit the answer is 429 with
/// Retry-After (see <see cref="RateLimitRejection"/>).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>False turns every limit off (benchmarks, tests that hammer one client).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>POST /api/oauth/token, per client_id (form or HTTP Basic).</summary>
    public RateLimitRule TokenPerClient { get; set; } = new() { PermitLimit = 3000, Window = TimeSpan.FromMinutes(1) };

    /// <summary>/api/models/graph, per bearer token.</summary>
    public RateLimitRule ModelApiPerToken { get; set; } = new() { PermitLimit = 3000, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Sign-in form submissions, per client IP address.</summary>
    public RateLimitRule SignInPerAddress { get; set; } = new() { PermitLimit = 300, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Sign-in form submissions, per email (whether or not an account has it).</summary>
    public RateLimitRule SignInPerAccount { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) };
}
