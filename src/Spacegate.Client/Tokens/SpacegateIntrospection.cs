namespace Spacegate.Client.Tokens;

/// <summary>An RFC 7662 introspection result.</summary>
/// <param name="Active">Whether the token is valid now.</param>
/// <param name="Scope">Its scopes, space-delimited.</param>
/// <param name="ClientId">The application it was issued to.</param>
/// <param name="Subject">The user (or application) it acts for.</param>
/// <param name="TokenType">The token's type.</param>
/// <param name="ExpiresAt">When it expires.</param>
/// <param name="IssuedAt">When it was issued.</param>
public sealed record SpacegateIntrospection(bool Active, string? Scope, string? ClientId, string? Subject, string? TokenType,
    DateTimeOffset? ExpiresAt, DateTimeOffset? IssuedAt);
