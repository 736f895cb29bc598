using Microsoft.Extensions.Options;
using OpenIddict.Server;
using Spacegate.Server.Data;
using Spacegate.Server.Grants;
using Spacegate.Server.OAuth.Handlers;
using OpenIddict.Abstractions;
using Spacegate.Server.OAuth.ClientCache;
using Spacegate.Server.OAuth.Keys;
using Spacegate.Server.OAuth.TokenStorage;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Spacegate.Server.OAuth;

public static class OAuthServerExtensions
{
    public static IHostApplicationBuilder AddSpacegateOAuth(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SpacegateOptions>()
            .Bind(builder.Configuration.GetSection(SpacegateOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SpacegateOptions>, SpacegateOptionsValidator>();
        var configured = builder.Configuration.GetSection(SpacegateOptions.Section).Get<SpacegateOptions>();
        var sandbox = configured?.IsSandbox ?? true;
        // With a public base URL, discovery, token issuers and PME links use it instead of the request's host.
        Uri? issuer = string.IsNullOrEmpty(configured?.PublicBaseUrl)
            ? null
            : Uri.TryCreate(configured.PublicBaseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var parsed) ? parsed : null;

        services.AddScoped<TokenIssuancePlan>();
        services.AddScoped<PendingTokenEntries>();
        // Applications and account flags cached on each node, checked against a version every request (OAuth/ClientCache).
        services.AddSingleton<ClientSnapshots>();
        services.AddScoped<ClientAccountFlags>();
        services.AddScoped<IOpenIddictApplicationCache<OAuthApplication>, SpacegateApplicationCache>();
        services.AddScoped<ClientRedirectTarget>();
        services.AddScoped<TokenEndpoint>();
        services.AddScoped<GrantRevocationService>();
        services.AddScoped<RotationRecords>();
        services.AddHostedService<RotationSuccessorEraser>();
        services.AddSingleton<KeyedLock>();
        services.AddSingleton<KeyEncryption>();
        services.AddSingleton<SharedKeys>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerKeyConfigurator>();
        services.AddTokenKeyRotation();

        services.AddOpenIddict()
            .AddCore(options =>
            {
                options.UseEntityFrameworkCore()
                    .UseDbContext<SpacegateDbContext>()
                    .ReplaceDefaultEntities<OAuthApplication, OAuthGrant, OAuthScope, OAuthToken, string>();
                options.ReplaceApplicationManager<OAuthApplication, SpacegateApplicationManager>();
                options.ReplaceTokenManager<OAuthToken, SpacegateTokenManager>();
                options.ReplaceTokenStore<OAuthToken, SpacegateTokenStore>();
            })
            .AddServer(options =>
            {
                if (issuer is not null)
                {
                    options.SetIssuer(issuer);
                }
                options.SetAuthorizationEndpointUris("oauth/authorize")
                    .SetTokenEndpointUris("api/oauth/token")
                    .SetRevocationEndpointUris("api/oauth/revoke")
                    .SetIntrospectionEndpointUris("api/oauth/introspect")
                    .SetConfigurationEndpointUris(".well-known/oauth-authorization-server", ".well-known/openid-configuration");

                options.AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow()
                    .AllowImplicitFlow();

                options.RegisterScopes([.. OAuthScopes.Names]);
                options.SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(5))
                    .SetAccessTokenLifetime(TimeSpan.FromMinutes(60))
                    .SetRefreshTokenLifetime(TimeSpan.FromDays(30));

                // Refresh rotation follows SPEC §4 (stale after 24 h, one successor, reuse leeway),
                // decided by TokenEndpoint and applied by the two sign-in handlers below. Sliding expiration
                // stays on: with it off, OpenIddict gives a rotated refresh token its predecessor's expiry, so
                // every grant would die 30 days after consent instead of 30 days after the last rotation.
                options.DisableRollingRefreshTokens();
                options.UseReferenceAccessTokens().UseReferenceRefreshTokens();
                // An access token is a reference: its payload stays in the database, where the grant, user and scopes
                // it names are stored in the clear anyway. Signing it (HMAC, TokenKeyRing) keeps it tamper-evident;
                // encrypting it too cost ~12 % of issuance and a decryption on every bearer check (docs/BENCHMARKS.md).
                // Codes and refresh tokens stay encrypted, as OpenIddict always does.
                options.DisableAccessTokenEncryption();
                options.Configure(o => o.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));

                // One INSERT per token instead of OpenIddict's insert-then-update (OAuth/TokenStorage).
                options.RemoveEventHandler(OpenIddictServerHandlers.Protection.CreateTokenEntry.Descriptor)
                    .RemoveEventHandler(OpenIddictServerHandlers.Protection.AttachTokenPayload.Descriptor)
                    .AddEventHandler(PrepareTokenEntry.Descriptor)
                    .AddEventHandler(StoreTokenEntry.Descriptor);

                options.AddEventHandler(ValidateRequestedScopes.AuthorizationDescriptor)
                    .AddEventHandler(ValidateRequestedScopes.TokenDescriptor)
                    .AddEventHandler(RedirectRejectedAuthorizationRequests.Descriptor)
                    .AddEventHandler(AcceptScopeOnCodeExchange.Descriptor)
                    .AddEventHandler(RestrictIntrospectionToOwnTokens.Descriptor)
                    .AddEventHandler(AttachScopeToIntrospection.Descriptor)
                    .AddEventHandler(RestrictRevocationToOwnTokens.Descriptor)
                    .AddEventHandler(RevokeTokensIssuedFromRefreshToken.Descriptor)
                    .AddEventHandler(RevokeOnlyTheCodesTokensOnReplay.Descriptor)
                    .AddEventHandler(ApplyRefreshTokenPolicy.Descriptor)
                    .AddEventHandler(AttachRefreshTokenSuccessor.Descriptor)
                    .AddEventHandler(AttachSandboxClockMetadata.Descriptor)
                    .AddEventHandler(UsePublicBaseUrlInMetadata.Descriptor)
                    .AddEventHandler(CountTokenEvents.SignInDescriptor)
                    .AddEventHandler(CountTokenEvents.RevocationDescriptor);
                foreach (var descriptor in RejectMalformedFormContentType.Descriptors)
                {
                    options.AddEventHandler(descriptor);
                }

                var aspNetCore = options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableErrorPassthrough();
                if (sandbox)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(options =>
            {
                options.UseLocalServer();
                options.UseAspNetCore();
                options.EnableAuthorizationEntryValidation();
            });
        return builder;
    }
}
