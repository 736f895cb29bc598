using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using Spacegate.Server.Data;
using Spacegate.Server.OAuth;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Spacegate.Server.ModelApi;

public enum BearerStatus
{
    Missing,
    Invalid,
    Valid,
}

/// <summary>
/// Validates the request's bearer token through OpenIddict validation: the reference token and its grant are read
/// from the database, so a revoked token or grant fails at once. A token found valid is remembered by
/// <see cref="BearerTokenCache"/> until anything is revoked (on any node) or it expires.
/// </summary>
public static class BearerAuthenticator
{
    public static async Task<(BearerStatus Status, ApiCaller? Caller)> AuthenticateAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization;
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header[0]))
        {
            return (BearerStatus.Missing, null);
        }
        if (header.Count > 1 || !header[0]!.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header[0]!.Length > 4096)
        {
            return (BearerStatus.Invalid, null);
        }
        var cache = http.RequestServices.GetRequiredService<BearerTokenCache>();
        long? tokensVersion = null;
        if (cache.Enabled)
        {
            // Read before the token is, so a revocation that commits meanwhile is never hidden by this request's entry.
            tokensVersion = await http.RequestServices.GetRequiredService<RequestCacheVersions>().TokensAsync(http.RequestAborted);
            if (cache.Find(header[0]!, tokensVersion.Value) is { } known)
            {
                return (BearerStatus.Valid, known);
            }
        }
        var result = await http.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is not { } principal)
        {
            if (result.Properties?.Items.TryGetValue(".error_description", out var reason) == true)
            {
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BearerAuthenticator))
                    .LogDebug("Bearer token refused: {Reason}", reason);
            }
            return (BearerStatus.Invalid, null);
        }
        var accountId = principal.GetClaim(SpacegateClaims.AccountId);
        var tokenId = principal.GetTokenId();
        var clientId = principal.GetPresenters().FirstOrDefault() ?? principal.GetClaim(Claims.ClientId);
        if (accountId is null || tokenId is null || clientId is null)
        {
            return (BearerStatus.Invalid, null);
        }
        var embedModels = EmbedTokens.ModelsOf(principal);
        var subject = principal.GetClaim(Claims.Subject);
        var userId = embedModels is null && subject != clientId ? subject : null;
        var caller = new ApiCaller(accountId, clientId, userId, tokenId, principal.GetExpirationDate(),
            principal.GetScopes().ToHashSet(StringComparer.Ordinal), embedModels);
        if (tokensVersion is { } version)
        {
            cache.Add(header[0]!, version, caller);
        }
        return (BearerStatus.Valid, caller);
    }
}
