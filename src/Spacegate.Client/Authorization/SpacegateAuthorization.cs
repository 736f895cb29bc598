using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using Microsoft.Extensions.Options;
using Spacegate.Client.Discovery;
using Spacegate.Client.Errors;
using Spacegate.Client.Tokens;

namespace Spacegate.Client.Authorization;

/// <summary>
/// The authorization code flow with PKCE (S256): builds the authorize URL, checks the callback (<c>state</c> and the
/// RFC 9207 <c>iss</c>, which Spacegate sends on every authorization response) and exchanges the code.
/// </summary>
public sealed class SpacegateAuthorization
{
    private readonly SpacegateDiscovery _discovery;
    private readonly SpacegateOAuthClient _oauth;
    private readonly SpacegateUserTokens _userTokens;
    private readonly SpacegateClientOptions _options;

    /// <summary>Creates the flow helper.</summary>
    public SpacegateAuthorization(SpacegateDiscovery discovery, SpacegateOAuthClient oauth, SpacegateUserTokens userTokens,
        IOptions<SpacegateClientOptions> options)
    {
        _discovery = discovery;
        _oauth = oauth;
        _userTokens = userTokens;
        _options = options.Value;
    }

    /// <summary>
    /// Starts an authorization: a fresh <c>state</c> and PKCE verifier, and the URL to send the user to. Keep the
    /// result server side until the callback.
    /// </summary>
    /// <param name="scopes">Scopes to ask for; <see cref="SpacegateClientOptions.Scopes"/> when null.</param>
    /// <param name="redirectUri">The redirect URI; <see cref="SpacegateClientOptions.RedirectUri"/> when null.</param>
    public async Task<PendingAuthorization> StartAsync(IEnumerable<string>? scopes = null, Uri? redirectUri = null)
    {
        var endpoints = await _discovery.GetEndpointsAsync().ConfigureAwait(false);
        var redirect = (redirectUri ?? _options.RedirectUri ?? throw new InvalidOperationException(
            $"Set {nameof(SpacegateClientOptions)}.{nameof(SpacegateClientOptions.RedirectUri)} or pass a redirect URI.")).ToString();
        var scope = string.Join(' ', scopes ?? _options.Scopes);
        if (scope.Length == 0)
        {
            throw new InvalidOperationException($"Set {nameof(SpacegateClientOptions)}.{nameof(SpacegateClientOptions.Scopes)} or pass the scopes.");
        }
        var state = CryptoRandom.CreateUniqueId(32);
        var verifier = CryptoRandom.CreateUniqueId(32);
        var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var url = new RequestUrl(endpoints.AuthorizationEndpoint).CreateAuthorizeUrl(
            clientId: _options.ClientId,
            responseType: OidcConstants.ResponseTypes.Code,
            scope: scope,
            redirectUri: redirect,
            state: state,
            codeChallenge: challenge,
            codeChallengeMethod: OidcConstants.CodeChallengeMethods.Sha256);
        return new PendingAuthorization(url, state, verifier, redirect);
    }

    /// <summary>
    /// Checks the authorization response that reached the redirect URI: its <c>state</c> must be the pending one and its
    /// <c>iss</c> the server's issuer (a response from another server, or a forged one, is refused).
    /// </summary>
    /// <param name="callbackUrl">The full callback URL (or only its query string, with or without <c>?</c>).</param>
    /// <param name="pending">What <see cref="StartAsync"/> returned for this user.</param>
    /// <exception cref="SpacegateAuthorizationException">An error response, or a mismatched state or issuer.</exception>
    public async Task<AuthorizationCallback> ValidateCallbackAsync(string callbackUrl, PendingAuthorization pending)
    {
        ArgumentNullException.ThrowIfNull(callbackUrl);
        ArgumentNullException.ThrowIfNull(pending);
        var endpoints = await _discovery.GetEndpointsAsync().ConfigureAwait(false);
        var query = callbackUrl.Contains('?', StringComparison.Ordinal) ? callbackUrl : "?" + callbackUrl.TrimStart('?');
        var response = new AuthorizeResponse(query);
        // State first: a response that this browser did not ask for says nothing trustworthy, not even its error.
        if (response.State is null || !FixedTimeEquals(response.State, pending.State))
        {
            throw new SpacegateAuthorizationException("state_mismatch", "The authorization response does not belong to this sign-in (state mismatch).");
        }
        var issuer = response.TryGet("iss");
        if (issuer is null || !string.Equals(issuer.TrimEnd('/'), endpoints.Issuer.TrimEnd('/'), StringComparison.Ordinal))
        {
            throw new SpacegateAuthorizationException("issuer_mismatch", "The authorization response does not come from the configured Spacegate server (iss mismatch).");
        }
        if (response.IsError)
        {
            var description = response.ErrorDescription is { Length: > 0 } text ? $": {text}" : "";
            throw new SpacegateAuthorizationException(response.Error!, $"Spacegate answered {response.Error}{description}");
        }
        if (string.IsNullOrEmpty(response.Code))
        {
            throw new SpacegateAuthorizationException("missing_code", "The authorization response carries no code.");
        }
        return new AuthorizationCallback(response.Code);
    }

    /// <summary>Exchanges the code and stores the tokens under <paramref name="key"/> in the token store.</summary>
    /// <exception cref="SpacegateTokenException">The code was refused (used, expired, or another client's).</exception>
    public async Task<SpacegateTokenSet> ExchangeCodeAsync(string key, AuthorizationCallback callback, PendingAuthorization pending,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var tokens = await _oauth.ExchangeCodeAsync(callback.Code, pending.RedirectUri, pending.CodeVerifier, cancellationToken).ConfigureAwait(false);
        await _userTokens.StoreAsync(key, tokens, cancellationToken).ConfigureAwait(false);
        return tokens;
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
