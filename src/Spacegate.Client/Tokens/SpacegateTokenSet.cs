namespace Spacegate.Client.Tokens;

/// <summary>The tokens of one connection, as kept in an <see cref="ITokenStore"/>.</summary>
/// <param name="AccessToken">The bearer token for the Model API.</param>
/// <param name="RefreshToken">The refresh token (absent for client credentials).</param>
/// <param name="ExpiresAt">When the access token expires (measured from when it was asked for).</param>
/// <param name="Scope">The scopes the server granted, space-delimited.</param>
public sealed record SpacegateTokenSet(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt, string Scope)
{
    /// <summary>The granted scopes, one per entry.</summary>
    public IReadOnlyList<string> Scopes => Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
