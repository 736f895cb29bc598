using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spacegate.Server.Cli;
using Spacegate.Server.OAuth.Keys;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Keys;

/// <summary>`keys list`, `keys rotate`, `keys prune` as an operator runs them, and the settings they rely on.</summary>
public sealed class KeyCommandTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task KeysRotate_Twice_SecondFindsPendingKeyAndStoresNothing()
    {
        var first = await CliRunner.RunAsync(_server, "keys", "rotate", "--purpose", "encryption", "--activate-in", "10m", "--json");
        Assert.Equal(0, first.Code);
        var added = JsonDocument.Parse(first.Output).RootElement.GetProperty("keys")[0];
        Assert.True(added.GetProperty("added").GetBoolean());
        Assert.Equal(2, added.GetProperty("generation").GetInt32());
        Assert.Equal(_server.Clock.GetUtcNow().AddMinutes(10), added.GetProperty("activatesAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));

        var second = await CliRunner.RunAsync(_server, "keys", "rotate", "--purpose", "encryption");
        Assert.Equal(0, second.Code);
        Assert.Contains("already pending", second.Output);

        var list = await CliRunner.RunAsync(_server, "keys", "list");
        Assert.Equal(0, list.Code);
        Assert.Contains("encryption  #2   pending", list.Output);
        Assert.Contains("signing     #1   active", list.Output);
        Assert.DoesNotContain("#3", list.Output);
    }

    [Theory]
    [InlineData("--purpose", "identity", "Argument 'identity' not recognized", CliExitCodes.UsageError)]
    [InlineData("--activate-in", "10s", "longer than Keys:ReloadInterval", CliExitCodes.Failure)]
    [InlineData("--activate-in", "soon", "--activate-in", CliExitCodes.UsageError)]
    public async Task KeysRotate_BadOption_RefusedWithoutStoring(string option, string value, string message, int exitCode)
    {
        var (code, _, error) = await CliRunner.RunAsync(_server, "keys", "rotate", option, value);
        Assert.Equal(exitCode, code);
        Assert.Contains(message, error);
        var ring = _server.Services.GetRequiredService<TokenKeyRing>();
        ring.Reload();
        Assert.All(ring.Current.Generations, g => Assert.Equal(1, g.Number));
    }

    [Fact]
    public async Task KeysList_TextAndJson_NeverShowKeyMaterial()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(_server, "keys", "rotate")).Code);
        var text = await CliRunner.RunAsync(_server, "keys", "list");
        var json = await CliRunner.RunAsync(_server, "keys", "list", "--json");
        Assert.Equal(4, JsonDocument.Parse(json.Output).RootElement.GetProperty("keys").GetArrayLength());
        foreach (var generation in _server.Services.GetRequiredService<TokenKeyRing>().Current.Generations)
        {
            foreach (var encoded in new[] { Convert.ToBase64String(generation.Key), Convert.ToHexString(generation.Key), Convert.ToBase64String(generation.Key)[..12] })
            {
                Assert.DoesNotContain(encoded, text.Output + json.Output, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task KeysRotate_Help_ShowsUsage()
    {
        var (code, output, _) = await CliRunner.RunAsync(_server, "keys", "rotate", "--help");
        Assert.Equal(0, code);
        Assert.Contains("spacegate keys rotate [options]", output);
        Assert.Contains("--purpose <all|encryption|signing>", output);
        Assert.Contains("--activate-in <DURATION>", output);
    }

    [Theory]
    [InlineData("Keys:ActivationDelay", "00:00:30")]
    [InlineData("Keys:Retention", "29.00:00:00")]
    [InlineData("Keys:RotateEvery", "1.00:00:00")]
    [InlineData("Keys:ReloadInterval", "00:00:00")]
    public async Task Start_UnsafeKeySetting_Refused(string setting, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestServer.StartAsync(new() { [setting] = value }));
        Assert.Contains(setting, error.Message);
    }
}
