using System.Net;
using System.Net.Http.Headers;
using Spacegate.Client.Tokens;

namespace Spacegate.Client.Http;

/// <summary>
/// Attaches the bearer token named by the request's <see cref="SpacegateTokenSource.OptionKey"/> option. When the
/// server says the token is invalid (<c>WWW-Authenticate: Bearer error="invalid_token"</c>, e.g. revoked early), it
/// renews the token once and sends the request once more; a lost grant raises
/// <see cref="Errors.SpacegateReconnectRequiredException"/>.
/// </summary>
public sealed class SpacegateTokenHandler : DelegatingHandler
{
    private readonly SpacegateUserTokens _userTokens;
    private readonly SpacegateAppTokens _appTokens;

    /// <summary>Creates the handler.</summary>
    public SpacegateTokenHandler(SpacegateUserTokens userTokens, SpacegateAppTokens appTokens)
    {
        _userTokens = userTokens;
        _appTokens = appTokens;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(SpacegateTokenSource.OptionKey, out var source))
        {
            throw new InvalidOperationException($"Set the request option {nameof(SpacegateTokenSource)}.{nameof(SpacegateTokenSource.OptionKey)} to say whose token to send.");
        }
        var token = source.UserKey is { } key
            ? await _userTokens.GetAccessTokenAsync(key, cancellationToken).ConfigureAwait(false)
            : await _appTokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!IsInvalidToken(response))
        {
            return response;
        }
        // Once only: a second refusal is returned to the caller as it is, never a loop.
        response.Dispose();
        var renewed = source.UserKey is { } user
            ? (await _userTokens.RefreshAsync(user, token, cancellationToken).ConfigureAwait(false)).AccessToken
            : await _appTokens.RenewAsync(token, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsInvalidToken(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized
        && response.Headers.WwwAuthenticate.Any(h => h.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase)
            && h.Parameter?.Contains("error=\"invalid_token\"", StringComparison.Ordinal) == true);
}
