using OpenIddict.Abstractions;

namespace Spacegate.Server.Grants;

/// <summary>
/// Revokes a grant and every token issued under it. Access and refresh tokens are reference tokens
/// checked against the database on every use, so revocation holds on the very next request, on every node.
/// </summary>
public sealed class GrantRevocationService(IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens)
{
    public async Task<bool> RevokeAsync(string grantId, CancellationToken cancellationToken)
    {
        if (await authorizations.FindByIdAsync(grantId, cancellationToken) is not { } grant)
        {
            return false;
        }
        await authorizations.TryRevokeAsync(grant, cancellationToken);
        await tokens.RevokeByAuthorizationIdAsync(grantId, cancellationToken);
        return true;
    }
}
