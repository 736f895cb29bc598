using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spacegate.Client;
using Xunit;

namespace Spacegate.Tests.ClientLibrary;

/// <summary>Wrong settings fail at start-up with a message naming the setting.</summary>
public sealed class SpacegateClientOptionsTests
{
    [Theory]
    [InlineData(null, "acme", "BaseAddress")]
    [InlineData("ftp://spacegate.example", "acme", "BaseAddress")]
    [InlineData("https://spacegate.example", "", "ClientId")]
    public void AddSpacegateClient_WithAWrongSetting_FailsNamingIt(string? baseAddress, string clientId, string setting)
    {
        var services = new ServiceCollection();
        services.AddSpacegateClient(options =>
        {
            options.BaseAddress = baseAddress is null ? null : new Uri(baseAddress);
            options.ClientId = clientId;
        });
        using var provider = services.BuildServiceProvider();
        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SpacegateClientOptions>>().Value);
        Assert.Contains(setting, exception.Message);
    }

    [Fact]
    public void AddSpacegateClient_ScopeWithASpace_FailsNamingScopes()
    {
        var services = new ServiceCollection();
        services.AddSpacegateClient(options =>
        {
            options.BaseAddress = new Uri("https://spacegate.example");
            options.ClientId = "acme";
            options.Scopes.Add("ViewDetails EditDetails");
        });
        using var provider = services.BuildServiceProvider();
        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SpacegateClientOptions>>().Value);
        Assert.Contains("Scopes", exception.Message);
    }
}
