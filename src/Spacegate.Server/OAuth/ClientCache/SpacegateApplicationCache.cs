using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Spacegate.Server.Data;

namespace Spacegate.Server.OAuth.ClientCache;

/// <summary>
/// OpenIddict's application cache, node-wide instead of per request: the token, introspection and revocation
/// endpoints find their client without a query while clients counter (<see cref="RequestCacheVersions"/>) is unchanged. A hit is a
/// fresh copy attached to this request's context as if a tracking query had loaded it (or the instance the context
/// already tracks), so pages and the CLI that update an application work exactly as before. Any change anywhere
/// raises the version (database triggers), and every node reads the application again on its next request.
/// </summary>
public sealed class SpacegateApplicationCache(
    IOpenIddictApplicationStore<OAuthApplication> store,
    SpacegateDbContext db,
    RequestCacheVersions versions,
    ClientSnapshots snapshots) : IOpenIddictApplicationCache<OAuthApplication>
{
    private readonly Dictionary<string, OAuthApplication> byClientId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OAuthApplication> byId = new(StringComparer.Ordinal);

    public ValueTask<OAuthApplication?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken) =>
        FindAsync(byClientId, identifier, snapshots.FindByClientId, store.FindByClientIdAsync, cancellationToken);

    public ValueTask<OAuthApplication?> FindByIdAsync(string identifier, CancellationToken cancellationToken) =>
        FindAsync(byId, identifier, snapshots.FindById, store.FindByIdAsync, cancellationToken);

    private async ValueTask<OAuthApplication?> FindAsync(Dictionary<string, OAuthApplication> known, string identifier,
        Func<string, long, OAuthApplication?> findCopy, Func<string, CancellationToken, ValueTask<OAuthApplication?>> query,
        CancellationToken cancellationToken)
    {
        if (known.TryGetValue(identifier, out var app))
        {
            return app;
        }
        var current = await versions.ClientsAsync(cancellationToken); // before the data it vouches for is read
        app = findCopy(identifier, current) is { } copy
            ? Track(copy)
            : Remember(await query(identifier, cancellationToken), current);
        Keep(app);
        return app;
    }

    // Redirect URI lookups only serve the authorization endpoint: they go to the store every time.
    public IAsyncEnumerable<OAuthApplication> FindByPostLogoutRedirectUriAsync(string uri, CancellationToken cancellationToken) =>
        store.FindByPostLogoutRedirectUriAsync(uri, cancellationToken);

    public IAsyncEnumerable<OAuthApplication> FindByRedirectUriAsync(string uri, CancellationToken cancellationToken) =>
        store.FindByRedirectUriAsync(uri, cancellationToken);

    public ValueTask AddAsync(OAuthApplication application, CancellationToken cancellationToken)
    {
        Keep(application);
        return default;
    }

    public ValueTask RemoveAsync(OAuthApplication application, CancellationToken cancellationToken)
    {
        if (application.ClientId is not null) byClientId.Remove(application.ClientId);
        if (application.Id is not null) byId.Remove(application.Id);
        snapshots.Remove(application);
        return default;
    }

    private OAuthApplication Track(OAuthApplication copy)
    {
        if (db.Set<OAuthApplication>().Local.FindEntry(copy.Id!) is { } entry)
        {
            return entry.Entity;
        }
        db.Attach(copy);
        return copy;
    }

    private OAuthApplication? Remember(OAuthApplication? app, long current)
    {
        // Only what the database holds: never an instance this request changed and has not saved.
        if (app is not null && db.Entry(app).State == EntityState.Unchanged)
        {
            snapshots.Store(app, current);
        }
        return app;
    }

    private void Keep(OAuthApplication? app)
    {
        if (app?.ClientId is not null) byClientId[app.ClientId] = app;
        if (app?.Id is not null) byId[app.Id] = app;
    }
}
