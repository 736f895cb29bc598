using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
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
/// Validates the request's bearer token through OpenIddict validation: the reference token and its grant
/// are read from the database on every request, so a revoked token or grant fails at once.
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
        return (BearerStatus.Valid, caller);
    }
}
