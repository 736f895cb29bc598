using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Spacegate.Server.OAuth.Handlers;

/// <summary>
/// The documented code exchange sends <c>scope</c> ("should match with what the user authorized"),
/// which RFC 6749 does not define for that grant and OpenIddict rejects. Set it aside before validation;
/// <see cref="TokenEndpoint"/> checks it against the authorized scope and narrows the tokens to it.
/// </summary>
public sealed class AcceptScopeOnCodeExchange : IOpenIddictServerHandler<ExtractTokenRequestContext>
{
    public const string Parameter = "spacegate_code_scope";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractTokenRequestContext>()
            .UseSingletonHandler<AcceptScopeOnCodeExchange>()
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ExtractTokenRequestContext context)
    {
        if (context.Request is { } request && request.IsAuthorizationCodeGrantType() && request.Scope is { } scope)
        {
            request.SetParameter(Parameter, scope);
            request.Scope = null;
        }
        return default;
    }
}
