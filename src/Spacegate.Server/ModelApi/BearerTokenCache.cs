using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Spacegate.Server.Data;

namespace Spacegate.Server.ModelApi;

/// <summary>
/// Remembers, per node, the bearer tokens OpenIddict found valid and the caller each one names, so that a token used
/// again skips the token and grant reads and the payload check. An entry counts only while the tokens counter
/// (<see cref="CacheVersion.Tokens"/>) is the one read before the token was validated: database triggers raise it
/// whenever an access token is revoked or deleted and whenever a grant changes, whoever makes the change and on
/// whichever node, and every request reads it first (<see cref="RequestCacheVersions"/>). So a revocation holds on
/// the very next request on every node, and an entry is never used past its token's expiry (the sandbox clock's
/// time). Keys are SHA-256 hashes of the Authorization header; tokens themselves are not kept. Invalid tokens are
/// not remembered: each goes through OpenIddict again.
/// </summary>
public sealed class BearerTokenCache : IDisposable
{
    private readonly MemoryCache? _entries;
    private readonly TimeProvider _time;

    public BearerTokenCache(IOptions<ModelApiOptions> options, TimeProvider time)
    {
        _time = time;
        var size = options.Value.BearerCacheEntries;
        _entries = size > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = size }) : null;
    }

    public bool Enabled => _entries is not null;

    /// <summary>The caller of a token validated earlier, if nothing has been revoked since and it has not expired.</summary>
    public ApiCaller? Find(string authorization, long tokensVersion)
    {
        if (_entries is null || !_entries.TryGetValue(Key(authorization), out Entry? entry) || entry!.TokensVersion != tokensVersion)
        {
            return null;
        }
        return entry.Caller.TokenExpires is { } expires && expires <= _time.GetUtcNow() ? null : entry.Caller;
    }

    /// <param name="tokensVersion">The counter read before the token was validated, never after.</param>
    public void Add(string authorization, long tokensVersion, ApiCaller caller)
    {
        _entries?.Set(Key(authorization), new Entry(caller, tokensVersion), new MemoryCacheEntryOptions
        {
            Size = 1,
            // Expiry is checked on the sandbox clock at each use; this only frees memory in real time.
            SlidingExpiration = TimeSpan.FromMinutes(10),
        });
    }

    private static string Key(string authorization) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)));

    public void Dispose() => _entries?.Dispose();

    private sealed record Entry(ApiCaller Caller, long TokensVersion);
}
