using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Spacegate.Server.Data;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlerFilters;
using static OpenIddict.Server.OpenIddictServerHandlers.Protection;

namespace Spacegate.Server.OAuth.TokenStorage;

/// <summary>
/// Replaces OpenIddict's <c>AttachTokenPayload</c>: writes the entry <see cref="PrepareTokenEntry"/> reserved, with
/// its payload and reference identifier, in one INSERT through the token manager (which hashes the reference
/// identifier and validates the entry, as for any token). The response carries the token only after this commit.
/// </summary>
public sealed class StoreTokenEntry(IOpenIddictTokenManager tokens, PendingTokenEntries pending)
    : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .AddFilter<RequireDegradedModeDisabled>()
            .AddFilter<RequireTokenStorageEnabled>()
            .AddFilter<RequireTokenPayloadPersisted>()
            .UseScopedHandler<StoreTokenEntry>()
            .SetOrder(AttachTokenPayload.Descriptor.Order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(GenerateTokenContext context)
    {
        var id = context.Principal.GetTokenId();
        var descriptor = (string.IsNullOrEmpty(id) ? null : pending.Take(id)) ??
            throw new InvalidOperationException("The token entry was not prepared before its payload.");
        descriptor.Payload = context.Token;
        descriptor.Principal = context.Principal;
        if (context.IsReferenceToken)
        {
            // 256 random bits, base64url, as OpenIddict's own reference identifiers (user codes are not supported).
            descriptor.ReferenceId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        }

        var token = new OAuthToken { Id = id };
        await tokens.PopulateAsync(token, descriptor, context.CancellationToken);
        await tokens.CreateAsync(token, context.CancellationToken);

        if (context.IsReferenceToken)
        {
            context.Token = descriptor.ReferenceId;
        }
    }
}
