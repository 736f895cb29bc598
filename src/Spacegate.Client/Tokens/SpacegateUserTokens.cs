using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spacegate.Client.Errors;

namespace Spacegate.Client.Tokens;

/// <summary>
/// The tokens of users who connected their account, kept in the app's <see cref="ITokenStore"/> by key. Renews an
/// access token shortly before it expires. Concurrent callers of one key share a single refresh (a refresh token
/// must not be spent twice), the rotated refresh token is stored before anyone gets the new access token, and a
/// lost grant (<c>invalid_grant</c>) raises <see cref="SpacegateReconnectRequiredException"/> at once, never a retry.
/// The single flight holds within this process; a farm of servers sharing a store also relies on the server's
/// reuse leeway, which answers parallel refreshes of a stale token with one successor.
/// </summary>
public sealed partial class SpacegateUserTokens
{
    private readonly ConcurrentDictionary<string, Lazy<Task<SpacegateTokenSet>>> _flights = new(StringComparer.Ordinal);
    // A refresh the server refused with 429: callers get the same refusal, without a request, until its Retry-After.
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, SpacegateTokenException Refusal)> _refusals = new(StringComparer.Ordinal);
    private readonly ITokenStore _store;
    private readonly SpacegateOAuthClient _oauth;
    private readonly TimeProvider _clock;
    private readonly SpacegateClientOptions _options;
    private readonly ILogger<SpacegateUserTokens> _logger;

    /// <summary>Creates the token manager.</summary>
    public SpacegateUserTokens(ITokenStore store, SpacegateOAuthClient oauth, TimeProvider clock, IOptions<SpacegateClientOptions> options,
        ILogger<SpacegateUserTokens> logger)
    {
        _store = store;
        _oauth = oauth;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>A valid access token for <paramref name="key"/>, renewed first when it is about to expire.</summary>
    /// <exception cref="SpacegateReconnectRequiredException">No connection for the key, or the grant is gone.</exception>
    /// <exception cref="SpacegateTokenException">The refresh failed for another reason (network, rate limit); try again later.</exception>
    public async Task<string> GetAccessTokenAsync(string key, CancellationToken cancellationToken = default)
    {
        var tokens = await _store.GetAsync(key, cancellationToken).ConfigureAwait(false)
            ?? throw new SpacegateReconnectRequiredException(key, "no tokens are stored for this connection.");
        if (!IsDue(tokens))
        {
            return tokens.AccessToken;
        }
        return (await RefreshAsync(key, tokens.AccessToken, cancellationToken).ConfigureAwait(false)).AccessToken;
    }

    /// <summary>
    /// Renews the tokens of <paramref name="key"/>, e.g. after the Model API refused <paramref name="rejectedAccessToken"/>.
    /// When another caller already replaced that token, its result is returned and no request is made.
    /// </summary>
    public Task<SpacegateTokenSet> RefreshAsync(string key, string? rejectedAccessToken, CancellationToken cancellationToken = default)
    {
        if (_refusals.TryGetValue(key, out var refused) && _clock.GetUtcNow() < refused.Until)
        {
            return Task.FromException<SpacegateTokenSet>(refused.Refusal);
        }
        var flight = _flights.GetOrAdd(key, k => new Lazy<Task<SpacegateTokenSet>>(() => RunRefreshAsync(k, rejectedAccessToken)));
        // The shared refresh runs to its end even when this caller gives up, so the others still get its result.
        return flight.Value.WaitAsync(cancellationToken);
    }

    /// <summary>Stores the tokens of a new connection (after <see cref="Authorization.SpacegateAuthorization.ExchangeCodeAsync"/>).</summary>
    public ValueTask StoreAsync(string key, SpacegateTokenSet tokens, CancellationToken cancellationToken = default) =>
        _store.SetAsync(key, tokens, cancellationToken);

    /// <summary>Whether tokens are stored for <paramref name="key"/> (they may still turn out revoked).</summary>
    public async Task<bool> IsConnectedAsync(string key, CancellationToken cancellationToken = default) =>
        await _store.GetAsync(key, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Disconnects: revokes the refresh token (which ends its access tokens) and forgets the tokens.</summary>
    public async Task DisconnectAsync(string key, CancellationToken cancellationToken = default)
    {
        var tokens = await _store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (tokens is null)
        {
            return;
        }
        await _oauth.RevokeAsync(tokens.RefreshToken ?? tokens.AccessToken, tokens.RefreshToken is null ? "access_token" : "refresh_token",
            cancellationToken).ConfigureAwait(false);
        await _store.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
    }

    private bool IsDue(SpacegateTokenSet tokens) => tokens.ExpiresAt - _options.RefreshBeforeExpiry <= _clock.GetUtcNow();

    private async Task<SpacegateTokenSet> RunRefreshAsync(string key, string? rejectedAccessToken)
    {
        try
        {
            var current = await _store.GetAsync(key).ConfigureAwait(false)
                ?? throw new SpacegateReconnectRequiredException(key, "no tokens are stored for this connection.");
            // Another flight may have finished between this caller's read and the start of this one.
            if (!IsDue(current) && current.AccessToken != rejectedAccessToken)
            {
                return current;
            }
            if (current.RefreshToken is null)
            {
                await _store.RemoveAsync(key).ConfigureAwait(false);
                throw new SpacegateReconnectRequiredException(key, "the connection has no refresh token.");
            }
            SpacegateTokenSet renewed;
            try
            {
                renewed = await _oauth.RefreshAsync(current.RefreshToken).ConfigureAwait(false);
            }
            catch (SpacegateTokenException exception) when (exception.Status == System.Net.HttpStatusCode.TooManyRequests)
            {
                // Rate limited: asking again before the server's Retry-After would only be refused again.
                _refusals[key] = (_clock.GetUtcNow() + (exception.RetryAfter ?? _options.RateLimitedRetryDelay), exception);
                throw;
            }
            catch (SpacegateTokenException exception) when (exception.Error == "invalid_grant")
            {
                // Revoked, expired or reused: the server will never accept this refresh token again.
                LogGrantLost(_logger);
                await _store.RemoveAsync(key).ConfigureAwait(false);
                throw new SpacegateReconnectRequiredException(key, "the authorization was revoked or has expired.", exception);
            }
            // Store first: a rotated refresh token held only in memory would be lost with the process, and the old one
            // stops working once the reuse leeway has passed.
            await _store.SetAsync(key, renewed).ConfigureAwait(false);
            _refusals.TryRemove(key, out _);
            LogRefreshed(_logger, renewed.RefreshToken != current.RefreshToken);
            return renewed;
        }
        finally
        {
            _flights.TryRemove(key, out _);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Spacegate access token renewed (refresh token rotated: {Rotated})")]
    private static partial void LogRefreshed(ILogger logger, bool rotated);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Spacegate refused the refresh token (invalid_grant); the user must connect again")]
    private static partial void LogGrantLost(ILogger logger);
}
