namespace Spacegate.Server.OAuth.Keys;

/// <summary>Where a key generation stands at a given time.</summary>
public enum TokenKeyState
{
    /// <summary>Stored and known to every node for validation, but not issuing tokens yet.</summary>
    Pending,

    /// <summary>Signs or encrypts new tokens (and validates).</summary>
    Active,

    /// <summary>Superseded: validates the tokens it issued until the retention ends.</summary>
    Retired,

    /// <summary>Retired for longer than the retention: deleted by the next prune.</summary>
    Expired,
}
