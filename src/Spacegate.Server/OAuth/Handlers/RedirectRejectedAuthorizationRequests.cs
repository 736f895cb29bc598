using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Spacegate.Server.OAuth.Handlers;

/// <summary>
/// OpenIddict renders every error found while validating an authorization request locally. SPEC §3 wants
/// them sent back to the client (invalid_scope, unsupported_response_type, unauthorized_client, …) when
/// the client and its redirect URI are known: this supplies that redirect URI, so OpenIddict itself
/// builds the redirect with <c>state</c> and <c>iss</c> (RFC 9207), exactly as for its own responses.
/// </summary>
public sealed class RedirectRejectedAuthorizationRequests(ClientRedirectTarget targets)
    : IOpenIddictServerHandler<ApplyAuthorizationResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyAuthorizationResponseContext>()
            .UseScopedHandler<RedirectRejectedAuthorizationRequests>()
            .SetOrder(OpenIddictServerHandlers.Authentication.InferResponseMode.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ApplyAuthorizationResponseContext context)
    {
        if (context.Request is not { } request || !string.IsNullOrEmpty(context.RedirectUri) || string.IsNullOrEmpty(context.Response.Error))
        {
            return;
        }
        var target = await targets.FindAsync(request.ClientId, request.RedirectUri, context.CancellationToken);
        if (target is null)
        {
            return; // Unknown client or redirect URI: the authorize page shows the error instead.
        }
        context.RedirectUri = target;
        // The implicit flow answers in the fragment, the code flow in the query (RFC 6749 §4.1.2.1, §4.2.2.1).
        // A response_mode that put a token response in the query is not honoured for the error about it.
        var token = HasToken(request);
        context.ResponseMode = request.ResponseMode switch
        {
            ResponseModes.Fragment or ResponseModes.FormPost => request.ResponseMode,
            ResponseModes.Query when !token => ResponseModes.Query,
            _ => token ? ResponseModes.Fragment : ResponseModes.Query,
        };
    }

    private static bool HasToken(OpenIddictRequest request) =>
        request.ResponseType?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(ResponseTypes.Token) == true;
}
