using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Validation;
using Spacegate.Server.Data;

namespace Spacegate.Server.OAuth.Keys;

/// <summary>
/// This node's copy of the token keys stored in the database: re-read on start and every
/// <see cref="TokenKeyOptions.ReloadInterval"/>; when what OpenIddict should use changes (a new generation,
/// an activation time reached, a key deleted), the cached OpenIddict options are dropped so the next
/// request rebuilds them (<see cref="ServerKeyConfigurator"/>) with the new keys.
/// </summary>
public sealed partial class TokenKeyRing(
    SharedKeys keys,
    TimeProvider clock,
    IOptionsMonitor<TokenKeyOptions> options,
    IOptionsMonitorCache<OpenIddictServerOptions> serverOptions,
    IOptionsMonitorCache<OpenIddictValidationOptions> validationOptions,
    ILogger<TokenKeyRing> logger)
{
    private readonly Lock _gate = new();
    private TokenKeySet? _set;
    private DateTimeOffset _loadedAt;
    private string? _fingerprint;

    /// <summary>The key set as of the last reload (loaded now on first use).</summary>
    public TokenKeySet Current
    {
        get
        {
            lock (_gate)
            {
                if (_set is null)
                {
                    Reload();
                }
                return _set!;
            }
        }
    }

    /// <summary>The generations OpenIddict uses, in order (active first), as of the last reload.</summary>
    public IReadOnlyList<TokenKeyGeneration> Credentials(string purpose)
    {
        lock (_gate)
        {
            return Current.ForCredentials(purpose, _loadedAt);
        }
    }

    /// <summary>Both purposes' generations from one reload, for one consistent OpenIddict configuration.</summary>
    public (IReadOnlyList<TokenKeyGeneration> Signing, IReadOnlyList<TokenKeyGeneration> Encryption) AllCredentials()
    {
        lock (_gate)
        {
            return (Credentials(TokenKeyGeneration.Signing), Credentials(TokenKeyGeneration.Encryption));
        }
    }

    /// <summary>Reads the keys again (creating generation 1 on first use); true when OpenIddict's keys changed.</summary>
    public bool Reload()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var set = Load(createMissing: true);
            var fingerprint = set.Fingerprint(now);
            var changed = _fingerprint is not null && fingerprint != _fingerprint;
            _set = set;
            _loadedAt = now;
            _fingerprint = fingerprint;
            if (changed)
            {
                // Server first: the validation options copy the server's keys when they are rebuilt.
                serverOptions.TryRemove(Options.DefaultName);
                validationOptions.TryRemove(Options.DefaultName);
                Log.KeysChanged(logger, fingerprint);
            }
            return changed;
        }
    }

    /// <summary>
    /// Stores the next generation of <paramref name="purpose"/>, active <paramref name="activateIn"/> from now, unless
    /// one is already pending. Returns the pending generation and whether this call stored it.
    /// </summary>
    public (TokenKeyGeneration Next, bool Added) Rotate(string purpose, TimeSpan activateIn)
    {
        var now = clock.GetUtcNow();
        var set = Load(createMissing: true);
        var pending = set.Of(purpose).FirstOrDefault(g => set.StateOf(g, now, options.CurrentValue.Retention) == TokenKeyState.Pending);
        if (pending is not null)
        {
            return (pending, false);
        }
        var number = set.Of(purpose).Max(g => g.Number) + 1;
        var added = keys.TryAdd(TokenKeyGeneration.NameOf(purpose, number), RandomNumberGenerator.GetBytes(32), now + activateIn);
        if (added)
        {
            Log.Rotated(logger, purpose, number, now + activateIn);
        }
        Reload();
        return (Current.Of(purpose).First(g => g.Number == number), added);
    }

    /// <summary>Rotates each purpose whose active key is older than <see cref="TokenKeyOptions.RotateEvery"/>.</summary>
    public void RotateIfDue()
    {
        if (options.CurrentValue.RotateEvery is not { } every)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var set = Load(createMissing: true);
        foreach (var purpose in TokenKeyGeneration.Purposes)
        {
            if (set.Active(purpose, now) is { } active && active.ActivatesAt + every <= now)
            {
                Rotate(purpose, options.CurrentValue.ActivationDelay);
            }
        }
    }

    /// <summary>Deletes the generations retired for longer than the retention; returns them.</summary>
    public IReadOnlyList<TokenKeyGeneration> Prune()
    {
        var now = clock.GetUtcNow();
        var set = Load(createMissing: false);
        var expired = set.Generations.Where(g => set.StateOf(g, now, options.CurrentValue.Retention) == TokenKeyState.Expired).ToList();
        if (expired.Count > 0)
        {
            keys.Remove([.. expired.Select(g => g.Name)]);
            foreach (var generation in expired)
            {
                Log.Deleted(logger, generation.Purpose, generation.Number);
            }
            Reload();
        }
        return expired;
    }

    private TokenKeySet Load(bool createMissing)
    {
        var generations = new List<TokenKeyGeneration>();
        foreach (var purpose in TokenKeyGeneration.Purposes)
        {
            var stored = Read(purpose);
            if (stored.Count == 0 && createMissing)
            {
                // First start: the first node to store generation 1 wins, the others read it.
                keys.TryAdd(purpose, RandomNumberGenerator.GetBytes(32), clock.GetUtcNow());
                stored = Read(purpose);
            }
            generations.AddRange(stored);
        }
        return new TokenKeySet(generations);
    }

    private List<TokenKeyGeneration> Read(string purpose) =>
        [.. keys.ReadGenerations(purpose).Select(row => TokenKeyGeneration.From(purpose, row)).OfType<TokenKeyGeneration>()];

    private static partial class Log
    {
        [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Token keys changed; OpenIddict now uses (active first): {Keys}.")]
        public static partial void KeysChanged(ILogger logger, string keys);

        [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "Stored {Purpose} key generation {Number}, active from {ActivatesAt:u}.")]
        public static partial void Rotated(ILogger logger, string purpose, int number, DateTimeOffset activatesAt);

        [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "Deleted {Purpose} key generation {Number}: retired for longer than the retention.")]
        public static partial void Deleted(ILogger logger, string purpose, int number);
    }
}
