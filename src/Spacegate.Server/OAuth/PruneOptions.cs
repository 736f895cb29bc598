namespace Spacegate.Server.OAuth;

/// <summary>The background prune of dead tokens, grants and rotation records (section <c>Prune</c>).</summary>
public sealed class PruneOptions
{
    public const string Section = "Prune";

    public bool Enabled { get; set; } = true;

    /// <summary>How often every node runs the prune (it is idempotent, so nodes need no coordination).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Only rows created before now minus this are pruned (OpenIddict's own default: 14 days).</summary>
    public TimeSpan OlderThan { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Rows per delete statement; each batch is its own short transaction.</summary>
    public int BatchSize { get; set; } = 1_000;
}
