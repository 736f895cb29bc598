using OpenIddict.Abstractions;

namespace Spacegate.Server.OAuth;

/// <summary>
/// Where an authorization response may be sent: only to a redirect URI registered for the requesting
/// client, compared exactly (or the app's only one when the request names none). An unknown client or
/// an unregistered redirect URI has no target, so such errors are shown on Spacegate's own page and an
/// attacker cannot turn the authorization endpoint into an open redirector (RFC 6749 §4.1.2.1).
/// </summary>
public sealed class ClientRedirectTarget(IOpenIddictApplicationManager applications)
{
    public async Task<string?> FindAsync(string? clientId, string? redirectUri, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(clientId) ||
            await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } app)
        {
            return null;
        }
        var registered = await applications.GetRedirectUrisAsync(app, cancellationToken);
        return redirectUri is not null
            ? registered.FirstOrDefault(u => string.Equals(u, redirectUri, StringComparison.Ordinal))
            : registered.Length == 1 ? registered[0] : null;
    }
}
