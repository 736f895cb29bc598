using System.Diagnostics.Metrics;

namespace Spacegate.Server.Operations;

/// <summary>
/// Spacegate's own counters (meter <c>Spacegate</c>), exported at /metrics next to the ASP.NET Core and
/// runtime instruments. Tags carry only low-cardinality names, never a client id, user or token.
/// </summary>
public sealed class SpacegateMetrics
{
    public const string MeterName = "Spacegate";

    private readonly Counter<long> _tokensIssued;
    private readonly Counter<long> _refreshRotations;
    private readonly Counter<long> _refreshReuse;
    private readonly Counter<long> _revocations;
    private readonly Counter<long> _embedLinks;
    private readonly Counter<long> _rateLimited;

    public SpacegateMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _tokensIssued = meter.CreateCounter<long>("spacegate.tokens.issued", description: "Access tokens issued, by grant type.");
        _refreshRotations = meter.CreateCounter<long>("spacegate.refresh_tokens.rotated", description: "Stale refresh tokens rotated to a successor.");
        _refreshReuse = meter.CreateCounter<long>("spacegate.refresh_tokens.reuse_detected",
            description: "Rotated refresh tokens presented after the reuse leeway (their grant is revoked).");
        _revocations = meter.CreateCounter<long>("spacegate.revocations", description: "Revocations, by what was revoked.");
        _embedLinks = meter.CreateCounter<long>("spacegate.embed_tokens.minted", description: "Private Model Embed tokens minted.");
        _rateLimited = meter.CreateCounter<long>("spacegate.rate_limit.refusals", description: "Requests refused with 429, by endpoint.");
    }

    public void TokenIssued(string grantType) => _tokensIssued.Add(1, new KeyValuePair<string, object?>("grant_type", grantType));

    public void RefreshTokenRotated() => _refreshRotations.Add(1);

    public void RefreshTokenReuseDetected() => _refreshReuse.Add(1);

    /// <param name="kind">grant, token, family or app_tokens.</param>
    public void Revoked(string kind) => _revocations.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void EmbedTokenMinted() => _embedLinks.Add(1);

    public void RateLimitRefused(string endpoint) => _rateLimited.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint));
}
