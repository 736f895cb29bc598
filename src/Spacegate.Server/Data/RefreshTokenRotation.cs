namespace Spacegate.Server.Data;

/// <summary>
/// Records that a stale refresh token was rotated, so that repeated uses inside the reuse leeway get
/// the same successor and a use after it is detected as reuse (RFC 9700 §4.14.2).
/// </summary>
public sealed class RefreshTokenRotation
{
    /// <summary>The OpenIddict id of the rotated (old) refresh token.</summary>
    public string TokenId { get; set; } = "";

    /// <summary>The successor refresh token, protected with Data Protection (never stored in clear).</summary>
    public string? ProtectedSuccessor { get; set; }
    public DateTimeOffset RotatedAt { get; set; }
}
