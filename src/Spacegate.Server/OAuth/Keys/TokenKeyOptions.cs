namespace Spacegate.Server.OAuth.Keys;

/// <summary>Rotation of the token signing and encryption keys (configuration section <c>Keys</c>).</summary>
public sealed class TokenKeyOptions
{
    public const string Section = "Keys";

    /// <summary>The longest a token lives (refresh tokens: 30 days); a retired key must outlive its tokens.</summary>
    public static readonly TimeSpan LongestTokenLifetime = TimeSpan.FromDays(30);

    /// <summary>How often every node re-reads the key set from the database. Default 30 seconds.</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long after a rotation the new key starts signing and encrypting new tokens. Longer than
    /// <see cref="ReloadInterval"/>, so every node knows the new key before any node issues a token with it.
    /// </summary>
    public TimeSpan ActivationDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Rotate automatically when the active key is this old; off (null) by default.</summary>
    public TimeSpan? RotateEvery { get; set; }

    /// <summary>How long a retired key keeps validating its tokens before it is deleted. Default 31 days.</summary>
    public TimeSpan Retention { get; set; } = LongestTokenLifetime + TimeSpan.FromDays(1);

    /// <summary>
    /// True when a key that activates <paramref name="delay"/> after it is stored is safe: every node reloads the key
    /// set first, so none receives a token signed with a key it has not loaded yet.
    /// </summary>
    public bool IsSafeActivationDelay(TimeSpan delay) => delay > ReloadInterval;
}
