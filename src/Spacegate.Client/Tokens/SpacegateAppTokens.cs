using Microsoft.Extensions.Options;

namespace Spacegate.Client.Tokens;

/// <summary>
/// The application's own token (<c>client_credentials</c>, for PME-enabled accounts), cached and renewed
/// <see cref="SpacegateClientOptions.RefreshBeforeExpiry"/> before it expires; concurrent callers share one request.
/// </summary>
public sealed class SpacegateAppTokens : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SpacegateOAuthClient _oauth;
    private readonly TimeProvider _clock;
    private readonly SpacegateClientOptions _options;
    private SpacegateTokenSet? _current;

    /// <summary>Creates the provider.</summary>
    public SpacegateAppTokens(SpacegateOAuthClient oauth, TimeProvider clock, IOptions<SpacegateClientOptions> options)
    {
        _oauth = oauth;
        _clock = clock;
        _options = options.Value;
    }

    /// <summary>The cached token, or a new one when it is about to expire.</summary>
    /// <exception cref="Errors.SpacegateTokenException">The server refused (e.g. <c>unauthorized_client</c>: the account is not PME-enabled).</exception>
    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken = default) =>
        (await GetTokenAsync(rejected: null, cancellationToken).ConfigureAwait(false)).AccessToken;

    /// <summary>Drops <paramref name="rejectedAccessToken"/> (e.g. refused by the Model API) and gets a new one.</summary>
    public async Task<string> RenewAsync(string rejectedAccessToken, CancellationToken cancellationToken = default) =>
        (await GetTokenAsync(rejectedAccessToken, cancellationToken).ConfigureAwait(false)).AccessToken;

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private async Task<SpacegateTokenSet> GetTokenAsync(string? rejected, CancellationToken cancellationToken)
    {
        if (Usable(Volatile.Read(ref _current), rejected) is { } cached)
        {
            return cached;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Usable(_current, rejected) is { } fresh)
            {
                return fresh;
            }
            var token = await _oauth.ClientCredentialsAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, token);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private SpacegateTokenSet? Usable(SpacegateTokenSet? token, string? rejected) =>
        token is not null && token.AccessToken != rejected && token.ExpiresAt - _options.RefreshBeforeExpiry > _clock.GetUtcNow() ? token : null;
}
