namespace Spacegate.Client.Errors;

/// <summary>
/// An authorization response that must not be used: an error from the server (<c>access_denied</c>, …), or a
/// callback whose <c>state</c> or <c>iss</c> does not match (a forged or mixed-up response).
/// </summary>
public sealed class SpacegateAuthorizationException : SpacegateException
{
    /// <summary>Creates the exception.</summary>
    public SpacegateAuthorizationException(string error, string message) : base(message)
    {
        Error = error;
    }

    /// <summary>
    /// The server's <c>error</c> (e.g. <c>access_denied</c>), or <c>state_mismatch</c>, <c>issuer_mismatch</c>,
    /// <c>missing_code</c> for responses this client refused.
    /// </summary>
    public string Error { get; }
}
