namespace Spacegate.Client.Authorization;

/// <summary>
/// What the app keeps (server side, e.g. in the user's session) between sending the user to the authorization
/// endpoint and the callback: it is needed to check the response and to redeem the code.
/// </summary>
/// <param name="Url">Where to send the user's browser.</param>
/// <param name="State">The random <c>state</c> sent; the callback must echo it.</param>
/// <param name="CodeVerifier">The PKCE verifier whose S256 challenge was sent. Never send it to the browser.</param>
/// <param name="RedirectUri">The redirect URI sent.</param>
public sealed record PendingAuthorization(string Url, string State, string CodeVerifier, string RedirectUri);
