using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Spacegate.Server.OAuth.Handlers;

/// <summary>
/// Decides whether a refresh token is generated and returned. OpenIddict ties refresh tokens to the
/// offline_access scope; Spacegate's contract (SPEC §4) ties them to the grant type and the age of the
/// presented refresh token instead, as the token endpoint recorded in <see cref="TokenIssuancePlan"/>.
/// </summary>
public sealed class ApplyRefreshTokenPolicy(TokenIssuancePlan plan) : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseScopedHandler<ApplyRefreshTokenPolicy>()
            .SetOrder(OpenIddictServerHandlers.EvaluateGeneratedTokens.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.EndpointType is not OpenIddictServerEndpointType.Token)
        {
            return default;
        }
        (context.GenerateRefreshToken, context.IncludeRefreshToken) = plan.Refresh switch
        {
            RefreshTokenIssuance.Issue => (true, true),
            RefreshTokenIssuance.ReuseSuccessor => (false, true),
            _ => (false, false),
        };
        return default;
    }
}
