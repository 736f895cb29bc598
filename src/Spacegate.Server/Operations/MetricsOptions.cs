namespace Spacegate.Server.Operations;

/// <summary>The Prometheus scraping endpoint (section <c>Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    public bool Enabled { get; set; } = true;

    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// When set, Kestrel also listens on this port and <see cref="Path"/> answers only there (by the
    /// connection's local port, not the Host header), so the public port never serves metrics.
    /// </summary>
    public int? Port { get; set; }

    /// <summary>Interface for <see cref="Port"/>; by default the host of the first configured URL.</summary>
    public string? Host { get; set; }
}
