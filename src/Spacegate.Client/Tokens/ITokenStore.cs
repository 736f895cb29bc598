namespace Spacegate.Client.Tokens;

/// <summary>
/// Where the app keeps each connection's tokens, by a key it chooses (a user id, a session id…). Keep it on the
/// server: a refresh token must never reach a browser. <see cref="InMemoryTokenStore"/> and
/// <see cref="FileTokenStore"/> ship as examples; implement it on your database for a farm of servers.
/// </summary>
public interface ITokenStore
{
    /// <summary>The tokens stored for <paramref name="key"/>, or null.</summary>
    ValueTask<SpacegateTokenSet?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Stores (replaces) the tokens of <paramref name="key"/>; must be durable when it returns.</summary>
    ValueTask SetAsync(string key, SpacegateTokenSet tokens, CancellationToken cancellationToken = default);

    /// <summary>Forgets the tokens of <paramref name="key"/>.</summary>
    ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default);
}
