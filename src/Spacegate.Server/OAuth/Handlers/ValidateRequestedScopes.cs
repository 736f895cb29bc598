using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Spacegate.Server.OAuth.Handlers;

/// <summary>
/// SPEC §3: <c>scope</c> is required at the authorization endpoint and every requested scope must be
/// one the app was registered with; anything else is <c>invalid_scope</c>. Runs after the redirect URI
/// was validated, so the error goes back to the client rather than to the error page.
/// </summary>
public sealed class ValidateRequestedScopes(IOpenIddictApplicationManager applications)
    : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>, IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor AuthorizationDescriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
            .UseScopedHandler<ValidateRequestedScopes>()
            .SetOrder(OpenIddictServerHandlers.Authentication.ValidateScopes.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public static OpenIddictServerHandlerDescriptor TokenDescriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseScopedHandler<ValidateRequestedScopes>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateScopes.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        if (string.IsNullOrWhiteSpace(context.Request.Scope))
        {
            context.Reject(Errors.InvalidRequest, "The 'scope' parameter is required: a space-delimited list of the app's scopes.");
            return;
        }
        var error = await FindUnknownScopeAsync(context.ClientId, context.Request.GetScopes(), context.CancellationToken);
        if (error is not null)
        {
            context.Reject(Errors.InvalidScope, error);
        }
    }

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (context.Request.IsClientCredentialsGrantType() && !string.IsNullOrEmpty(context.Request.Scope))
        {
            var error = await FindUnknownScopeAsync(context.ClientId, context.Request.GetScopes(), context.CancellationToken);
            if (error is not null)
            {
                context.Reject(Errors.InvalidScope, error);
            }
        }
    }

    private async Task<string?> FindUnknownScopeAsync(string? clientId, IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(clientId) || await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } app)
        {
            return null; // OpenIddict rejects the unknown client itself.
        }
        foreach (var scope in scopes)
        {
            if (!OAuthScopes.Names.Contains(scope))
            {
                return $"The scope '{scope}' does not exist. Known scopes: {string.Join(' ', OAuthScopes.Names)}.";
            }
            if (!await applications.HasPermissionAsync(app, Permissions.Prefixes.Scope + scope, cancellationToken))
            {
                return $"The scope '{scope}' is not among the scopes this app was registered with.";
            }
        }
        return null;
    }
}
