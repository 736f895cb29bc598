namespace Spacegate.Client.Errors;

/// <summary>
/// The user's connection is gone: the grant was revoked, the refresh token expired or was reused, or no tokens are
/// stored for the key. Retrying cannot help; ask the user to connect again (run the authorization flow).
/// The stored tokens of the key have been removed.
/// </summary>
public sealed class SpacegateReconnectRequiredException : SpacegateException
{
    /// <summary>Creates the exception.</summary>
    public SpacegateReconnectRequiredException(string key, string reason, Exception? inner = null)
        : base($"The Spacegate connection must be made again: {reason}", inner)
    {
        Key = key;
    }

    /// <summary>The token store key of the connection.</summary>
    public string Key { get; }
}
