using OpenIddict.Abstractions;
using OpenIddict.Server;
using Spacegate.Server.Domain;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlerFilters;
using static OpenIddict.Server.OpenIddictServerHandlers.Protection;

namespace Spacegate.Server.OAuth.TokenStorage;

/// <summary>
/// Replaces OpenIddict's <c>CreateTokenEntry</c>, which inserts a row without a payload that
/// <c>AttachTokenPayload</c> then updates: one INSERT and one UPDATE, two transactions per token. This handler
/// builds the same entry (status, subject, dates, application, grant) and gives it its identifier — a
/// time-ordered id, so inserts append to the primary key — but keeps it in <see cref="PendingTokenEntries"/>
/// until <see cref="StoreTokenEntry"/> writes it, payload included, with one INSERT. A token whose payload is not
/// persisted would never reach that handler, so it is stored here at once, as OpenIddict does.
/// </summary>
public sealed class PrepareTokenEntry(
    IOpenIddictApplicationManager applications,
    IOpenIddictTokenManager tokens,
    PendingTokenEntries pending) : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; }
        = OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .AddFilter<RequireDegradedModeDisabled>()
            .AddFilter<RequireTokenStorageEnabled>()
            .AddFilter<RequireTokenEntryCreated>()
            .UseScopedHandler<PrepareTokenEntry>()
            .SetOrder(CreateTokenEntry.Descriptor.Order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(GenerateTokenContext context)
    {
        var descriptor = new OpenIddictTokenDescriptor
        {
            AuthorizationId = context.Principal.GetAuthorizationId(),
            CreationDate = context.Principal.GetCreationDate(),
            ExpirationDate = context.Principal.GetExpirationDate(),
            Principal = context.Principal,
            Type = context.TokenType,
            Status = context.TokenType is TokenTypeIdentifiers.Private.DeviceCode ? Statuses.Inactive : Statuses.Valid,
            Subject = context.TokenType is TokenTypeIdentifiers.Private.DeviceCode or TokenTypeIdentifiers.Private.UserCode
                ? null
                : context.Principal.GetClaim(Claims.Subject),
        };
        if (!string.IsNullOrEmpty(context.ClientId))
        {
            var application = await applications.FindByClientIdAsync(context.ClientId, context.CancellationToken) ??
                throw new InvalidOperationException("The client application of the token cannot be found.");
            descriptor.ApplicationId = await applications.GetIdAsync(application, context.CancellationToken);
        }

        if (!context.PersistTokenPayload)
        {
            var token = await tokens.CreateAsync(descriptor, context.CancellationToken);
            context.Principal.SetTokenId(await tokens.GetIdAsync(token, context.CancellationToken));
            return;
        }
        var id = IdGenerator.NewId();
        pending.Add(id, descriptor);
        context.Principal.SetTokenId(id); // goes into the payload, as with OpenIddict's own handler
    }
}
