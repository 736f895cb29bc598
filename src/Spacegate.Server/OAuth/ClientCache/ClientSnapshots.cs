using System.Collections.Concurrent;
using Spacegate.Server.Data;

namespace Spacegate.Server.OAuth.ClientCache;

/// <summary>
/// The node-wide copies: applications by client id and by id, and each account's Private Model Embed flag, each
/// tagged with the clients counter (<see cref="RequestCacheVersions"/>) read before its data was. A copy is returned only for the same
/// version, so any change anywhere (it raises the version) makes every node read again on its next request. The
/// stored applications are never handed out or tracked: callers get a fresh copy each time.
/// </summary>
public sealed class ClientSnapshots
{
    /// <summary>Beyond this many entries a dictionary starts again empty (a bound, not an eviction policy).</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, (long Version, OAuthApplication App)> byClientId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Version, OAuthApplication App)> byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Version, bool Enabled)> pme = new(StringComparer.Ordinal);

    public OAuthApplication? FindByClientId(string clientId, long version) =>
        byClientId.TryGetValue(clientId, out var entry) && entry.Version == version ? ApplicationCopy.Of(entry.App) : null;

    public OAuthApplication? FindById(string id, long version) =>
        byId.TryGetValue(id, out var entry) && entry.Version == version ? ApplicationCopy.Of(entry.App) : null;

    public void Store(OAuthApplication app, long version)
    {
        var copy = ApplicationCopy.Of(app);
        Put(byClientId, copy.ClientId!, (version, copy));
        Put(byId, copy.Id!, (version, copy));
    }

    public void Remove(OAuthApplication app)
    {
        if (app.ClientId is not null) byClientId.TryRemove(app.ClientId, out _);
        if (app.Id is not null) byId.TryRemove(app.Id, out _);
    }

    public bool? FindPmeEnabled(string accountId, long version) =>
        pme.TryGetValue(accountId, out var entry) && entry.Version == version ? entry.Enabled : null;

    public void StorePmeEnabled(string accountId, bool enabled, long version) => Put(pme, accountId, (version, enabled));

    private static void Put<T>(ConcurrentDictionary<string, T> map, string key, T value)
    {
        if (map.Count >= Capacity)
        {
            map.Clear();
        }
        map[key] = value;
    }
}
