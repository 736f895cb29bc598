using System.Collections.Concurrent;
using Spacegate.Client.Authorization;

namespace Spacegate.SamplePartner;

/// <summary>The authorization each session started, until its callback (at most 10 minutes; used once).</summary>
public sealed class PendingAuthorizations(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, (PendingAuthorization Pending, DateTimeOffset Started)> _pending = new(StringComparer.Ordinal);

    public void Add(string sessionId, PendingAuthorization pending)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, entry) in _pending)
        {
            if (now - entry.Started > Lifetime)
            {
                _pending.TryRemove(key, out _);
            }
        }
        _pending[sessionId] = (pending, now);
    }

    /// <summary>Takes the pending authorization of the session; a second callback finds none.</summary>
    public PendingAuthorization? Take(string sessionId) =>
        _pending.TryRemove(sessionId, out var entry) && clock.GetUtcNow() - entry.Started <= Lifetime ? entry.Pending : null;
}
