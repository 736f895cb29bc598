using System.Text.Json;
using Duende.IdentityModel.Client;
using Microsoft.Extensions.Options;
using Spacegate.Client.Discovery;
using Spacegate.Client.Errors;

namespace Spacegate.Client.Tokens;

/// <summary>
/// The token, revocation and introspection requests of the application (client authentication in the body, as
/// documented), built on Duende.IdentityModel. <see cref="SpacegateUserTokens"/> and
/// <see cref="SpacegateAppTokens"/> use it; call it directly for anything else.
/// </summary>
public sealed class SpacegateOAuthClient
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly SpacegateDiscovery _discovery;
    private readonly SpacegateClientOptions _options;
    private readonly TimeProvider _clock;

    /// <summary>Creates the client.</summary>
    public SpacegateOAuthClient(IHttpClientFactory httpClientFactory, SpacegateDiscovery discovery, IOptions<SpacegateClientOptions> options,
        TimeProvider clock)
    {
        _httpClientFactory = httpClientFactory;
        _discovery = discovery;
        _options = options.Value;
        _clock = clock;
    }

    /// <summary>Exchanges an authorization code (<c>grant_type=authorization_code</c>).</summary>
    /// <exception cref="SpacegateTokenException">The server refused the code (e.g. <c>invalid_grant</c>: used, expired or not ours).</exception>
    public async Task<SpacegateTokenSet> ExchangeCodeAsync(string code, string redirectUri, string? codeVerifier, CancellationToken cancellationToken = default)
    {
        var endpoints = await _discovery.GetEndpointsAsync().ConfigureAwait(false);
        var parameters = new Parameters();
        if (_options.AccessTokenLifetime is { Length: > 0 } lifetime)
        {
            parameters.Add("expires_in", lifetime);
        }
        var request = new AuthorizationCodeTokenRequest
        {
            Address = endpoints.TokenEndpoint,
            ClientId = _options.ClientId,
            ClientSecret = _options.ClientSecret,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Code = code,
            RedirectUri = redirectUri,
            CodeVerifier = codeVerifier,
            Parameters = parameters,
        };
        return await SendAsync(http => http.RequestAuthorizationCodeTokenAsync(request, cancellationToken), null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Uses a refresh token once. The result keeps <paramref name="refreshToken"/> when the server returned no new one
    /// (a refresh token younger than 24 hours), and carries the successor when it rotated.
    /// </summary>
    /// <exception cref="SpacegateTokenException">Refused; <c>invalid_grant</c> means the grant is gone (see <see cref="SpacegateUserTokens"/>).</exception>
    public async Task<SpacegateTokenSet> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        var endpoints = await _discovery.GetEndpointsAsync().ConfigureAwait(false);
        var request = new RefreshTokenRequest
        {
            Address = endpoints.TokenEndpoint,
            ClientId = _options.ClientId,
            ClientSecret = _options.ClientSecret,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            RefreshToken = refreshToken,
        };
        return await SendAsync(http => http.RequestRefreshTokenAsync(request, cancellationToken), refreshToken, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets an application token (<c>grant_type=client_credentials</c>; PME-enabled accounts only).</summary>
    public async Task<SpacegateTokenSet> ClientCredentialsAsync(CancellationToken cancellationToken = default)
    {
        var endpoints = await _discovery.GetEndpointsAsync().ConfigureAwait(false);
        var request = new ClientCredentialsTokenRequest
        {
            Address = endpoints.TokenEndpoint,
            ClientId = _options.ClientId,
            ClientSecret = _options.ClientSecret,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
        };
        return await SendAsync(http => http.RequestClientCredentialsTokenAsync(request, cancellationToken), null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Revokes a token of this application (RFC 7009); a refresh token takes its access tokens with it.</summary>
    public async Task RevokeAsync(string token, string? tokenTypeHint = null, CancellationToken cancellationToken = default)
    {
        var endpoints = await _discovery.GetEndpointsAsync().ConfigureAwait(false);
        var http = _httpClientFactory.CreateClient(SpacegateHttpClients.OAuth);
        var response = await http.RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = endpoints.RevocationEndpoint,
            ClientId = _options.ClientId,
            ClientSecret = _options.ClientSecret,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Token = token,
            TokenTypeHint = tokenTypeHint ?? "",
        }, cancellationToken).ConfigureAwait(false);
        if (response.IsError)
        {
            throw new SpacegateTokenException($"Revocation failed: {response.Error}", response.Error, null, response.HttpStatusCode, response.Exception);
        }
    }

    /// <summary>Introspects a token of this application (RFC 7662); another application's token is inactive.</summary>
    public async Task<SpacegateIntrospection> IntrospectAsync(string token, CancellationToken cancellationToken = default)
    {
        var endpoints = await _discovery.GetEndpointsAsync().ConfigureAwait(false);
        var http = _httpClientFactory.CreateClient(SpacegateHttpClients.OAuth);
        var response = await http.IntrospectTokenAsync(new TokenIntrospectionRequest
        {
            Address = endpoints.IntrospectionEndpoint,
            ClientId = _options.ClientId,
            ClientSecret = _options.ClientSecret,
            ClientCredentialStyle = ClientCredentialStyle.PostBody,
            Token = token,
        }, cancellationToken).ConfigureAwait(false);
        if (response.IsError)
        {
            throw new SpacegateTokenException($"Introspection failed: {response.Error}", response.Error, null, response.HttpStatusCode, response.Exception);
        }
        string? Text(string name) => JsonText(response.Json, name);
        DateTimeOffset? Time(string name) => response.Json is { } json && json.TryGetProperty(name, out var value) && value.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
        return new SpacegateIntrospection(response.IsActive, Text("scope"), Text("client_id"), Text("sub"), Text("token_type"), Time("exp"), Time("iat"));
    }

    private async Task<SpacegateTokenSet> SendAsync(Func<HttpClient, Task<TokenResponse>> send, string? previousRefreshToken, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // The expiry counts from before the request left, so it errs on the early side.
        var askedAt = _clock.GetUtcNow();
        var response = await send(_httpClientFactory.CreateClient(SpacegateHttpClients.OAuth)).ConfigureAwait(false);
        if (response.IsError || string.IsNullOrEmpty(response.AccessToken))
        {
            // A 400 is a protocol error for IdentityModel; 401 (invalid_client) and 429 (slow_down) carry the same JSON body.
            var error = response.ErrorType == ResponseErrorType.Protocol ? response.Error : JsonText(response.Json, "error");
            var description = response.ErrorDescription ?? JsonText(response.Json, "error_description");
            throw new SpacegateTokenException($"The token endpoint refused the request: {error ?? response.Error}", error, description,
                response.HttpStatusCode == 0 ? null : response.HttpStatusCode, response.Exception, RetryAfter(response.HttpResponse));
        }
        return new SpacegateTokenSet(response.AccessToken, response.RefreshToken ?? previousRefreshToken,
            askedAt.AddSeconds(response.ExpiresIn), response.Scope ?? "");
    }

    private TimeSpan? RetryAfter(HttpResponseMessage? response) => response?.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _clock.GetUtcNow(),
        _ => null,
    };

    private static string? JsonText(JsonElement? json, string name) =>
        json is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
