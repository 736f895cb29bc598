namespace Spacegate.Server.OAuth;

public enum RefreshTokenIssuance
{
    /// <summary>No refresh token in the response (client_credentials, or a refresh token younger than 24 h).</summary>
    None,

    /// <summary>Generate a new refresh token (authorization code grant, or the first rotation of a stale one).</summary>
    Issue,

    /// <summary>Return the successor already minted for this stale refresh token (repeat inside the reuse leeway).</summary>
    ReuseSuccessor,
}

/// <summary>
/// What the token endpoint decided for the current request; read by the sign-in handlers that
/// shape OpenIddict's response. Scoped to one request.
/// </summary>
public sealed class TokenIssuancePlan
{
    public RefreshTokenIssuance Refresh { get; set; } = RefreshTokenIssuance.None;

    /// <summary>The rotated (stale) refresh token id, when <see cref="Refresh"/> is a rotation.</summary>
    public string? RotatedTokenId { get; set; }

    /// <summary>The successor to return when <see cref="Refresh"/> is <see cref="RefreshTokenIssuance.ReuseSuccessor"/>.</summary>
    public string? Successor { get; set; }
}
