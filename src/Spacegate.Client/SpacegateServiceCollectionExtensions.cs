using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Spacegate.Client.Authorization;
using Spacegate.Client.Discovery;
using Spacegate.Client.Http;
using Spacegate.Client.ModelApi;
using Spacegate.Client.Tokens;

namespace Spacegate.Client;

/// <summary>Registers the Spacegate client.</summary>
public static class SpacegateServiceCollectionExtensions
{
    /// <summary>
    /// Registers discovery, the authorization flow, user and application tokens, the Model API and their
    /// <see cref="IHttpClientFactory"/> clients. Registers an <see cref="InMemoryTokenStore"/> unless an
    /// <see cref="ITokenStore"/> is registered (before or after this call).
    /// </summary>
    public static IServiceCollection AddSpacegateClient(this IServiceCollection services, Action<SpacegateClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SpacegateClientOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SpacegateClientOptions>, SpacegateClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITokenStore, InMemoryTokenStore>();
        services.TryAddSingleton<SpacegateDiscovery>();
        services.TryAddSingleton<SpacegateOAuthClient>();
        services.TryAddSingleton<SpacegateUserTokens>();
        services.TryAddSingleton<SpacegateAppTokens>();
        services.TryAddSingleton<SpacegateAuthorization>();
        services.TryAddSingleton<SpacegateModelApiFactory>();
        services.TryAddTransient<SpacegateTokenHandler>();
        services.AddHttpClient(SpacegateHttpClients.OAuth, ConfigureBaseAddress);
        services.AddHttpClient(SpacegateHttpClients.ModelApi, ConfigureBaseAddress).AddHttpMessageHandler<SpacegateTokenHandler>();
        return services;
    }

    private static void ConfigureBaseAddress(IServiceProvider services, HttpClient http)
    {
        var baseAddress = services.GetRequiredService<IOptions<SpacegateClientOptions>>().Value.BaseAddress!.ToString();
        http.BaseAddress = new Uri(baseAddress.EndsWith('/') ? baseAddress : baseAddress + "/");
    }
}
