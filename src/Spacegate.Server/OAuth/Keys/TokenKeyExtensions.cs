using Microsoft.Extensions.Options;

namespace Spacegate.Server.OAuth.Keys;

public static class TokenKeyExtensions
{
    /// <summary>Token keys shared through the database, with rotation (settings: section <c>Keys</c>).</summary>
    public static IServiceCollection AddTokenKeyRotation(this IServiceCollection services)
    {
        services.AddOptions<TokenKeyOptions>().BindConfiguration(TokenKeyOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TokenKeyOptions>, TokenKeyOptionsValidator>();
        services.AddSingleton<TokenKeyRing>();
        services.AddSingleton<TokenKeyRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<TokenKeyRefresher>());
        return services;
    }
}
