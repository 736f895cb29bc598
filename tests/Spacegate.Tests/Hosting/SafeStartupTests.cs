using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Spacegate.Server.Hosting;
using Spacegate.Server.OAuth;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Hosting;

/// <summary>
/// Unsafe configurations refuse to start, with a message naming the setting to change (SPEC §9).
/// Non-loopback addresses are only ever validated, never bound: 192.0.2.1 (TEST-NET-1) is not an
/// address of this machine, so even a regression would fail to bind rather than expose a server.
/// </summary>
public sealed class SafeStartupTests
{
    [Theory]
    [InlineData("http://192.0.2.1:0")]
    [InlineData("http://127.0.0.1:0;http://192.0.2.1:0")]
    public async Task Sandbox_NonLoopbackAddress_RefusesNamingTheSetting(string urls)
    {
        var error = await RefusedAsync(new() { ["urls"] = urls });

        Assert.Contains("Spacegate:AllowNonLoopbackSandbox", error);
        Assert.Contains("192.0.2.1", error);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", null, null)]
    [InlineData("http://*:8080", null, null)]
    [InlineData("http://+:8080", null, null)]
    [InlineData("http://[::]:8080", null, null)]
    [InlineData("http://spacegate.example:8080", null, null)]
    [InlineData(null, "http_ports", "8080")]
    [InlineData(null, "Kestrel:Endpoints:Public:Url", "http://0.0.0.0:8080")]
    public void Sandbox_EveryWayToListenBeyondLoopback_Refused(string? urls, string? key, string? value)
    {
        var result = Validate(new SpacegateOptions(), urls, key, value);

        Assert.True(result.Failed);
        Assert.Contains("Spacegate:AllowNonLoopbackSandbox", result.FailureMessage);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080;http://[::1]:5080")]
    [InlineData("http://127.0.0.2:5080/")]
    public void Sandbox_Loopback_Allowed(string urls) =>
        Assert.True(Validate(new SpacegateOptions(), urls).Succeeded);

    [Fact]
    public void Sandbox_NonLoopbackExplicitlyAllowed_Allowed() =>
        Assert.True(Validate(new SpacegateOptions { AllowNonLoopbackSandbox = true }, "http://0.0.0.0:8080").Succeeded);

    [Theory]
    [InlineData("Spacegate:SeedDemoData", "true", "Spacegate:SeedDemoData")]
    [InlineData("Spacegate:PublicBaseUrl", "", "Spacegate:PublicBaseUrl")]
    [InlineData("Spacegate:PublicBaseUrl", "http://spaces.example.test/", "Spacegate:PublicBaseUrl")]
    [InlineData("Spacegate:KeyEncryptionKey", "", "Spacegate:KeyEncryptionKey")]
    [InlineData("Spacegate:KeyEncryptionKey", "c2hvcnQ=", "Spacegate:KeyEncryptionKey")] // 5 bytes
    [InlineData("Spacegate:KeyEncryptionKey", "not base64 at all!", "Spacegate:KeyEncryptionKey")]
    [InlineData("Spacegate:KnownProxies:0", null, "Spacegate:KnownProxies")] // plain HTTP and nobody to say HTTPS
    [InlineData("Spacegate:KnownProxies:0", "proxy.internal", "Spacegate:KnownProxies")]
    public async Task Production_UnsafeSetting_RefusesNamingTheSetting(string key, string? value, string named)
    {
        var error = await RefusedAsync(ProductionSettings.Valid((key, value)));

        Assert.Contains(named, error);
    }

    [Fact]
    public async Task Production_DatabaseWithSandboxDemoData_Refuses()
    {
        var folder = Directory.CreateTempSubdirectory("spacegate-tests-").FullName;
        try
        {
            var database = Path.Combine(folder, "spacegate.db");
            await (await TestServer.StartAsync(new() { ["Storage:Provider"] = "Sqlite", ["Storage:SqlitePath"] = database })).DisposeAsync(); // seeds demo data

            var error = await RefusedAsync(ProductionSettings.Valid(("Storage:Provider", "Sqlite"), ("Storage:SqlitePath", database)));

            Assert.Contains("demo", error);
            Assert.Contains("Production", error);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Production_Configured_StartsAndServesOnlyHttpsFromTheTrustedProxy()
    {
        await using var server = await TestServer.StartAsync(ProductionSettings.Valid());
        using var viaProxy = ProductionSettings.ViaProxy(server.CreateClient());
        using var direct = server.CreateClient();

        var metadata = await viaProxy.GetAsync("/.well-known/oauth-authorization-server");
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await direct.GetAsync("/.well-known/oauth-authorization-server")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await direct.GetAsync("/account/login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync("/health")).StatusCode); // probes of the node itself
    }

    [Fact]
    public async Task Production_ForwardedProtoFromUntrustedAddress_Ignored()
    {
        await using var server = await TestServer.StartAsync(ProductionSettings.Valid(("Spacegate:KnownProxies:0", "10.1.2.3")));
        using var attacker = ProductionSettings.ViaProxy(server.CreateClient());

        var response = await attacker.GetAsync("/.well-known/oauth-authorization-server");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Production_SpoofedHostHeaders_IssuerAndEndpointsUnchanged()
    {
        await using var server = await TestServer.StartAsync(ProductionSettings.Valid());
        using var client = ProductionSettings.ViaProxy(server.CreateClient());
        client.DefaultRequestHeaders.Host = "evil.example";
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", "evil2.example");

        var metadata = JsonDocument.Parse(await client.GetStringAsync("/.well-known/oauth-authorization-server")).RootElement;

        Assert.Equal(ProductionSettings.PublicBase + "/", metadata.GetProperty("issuer").GetString());
        Assert.Equal(ProductionSettings.PublicBase + "/api/oauth/token", metadata.GetProperty("token_endpoint").GetString());
        Assert.Equal(ProductionSettings.PublicBase + "/oauth/authorize", metadata.GetProperty("authorization_endpoint").GetString());
        Assert.DoesNotContain("evil", metadata.GetRawText());
    }

    [Fact]
    public async Task PublicBaseUrl_SpoofedHostHeader_EmbedLinkUnchanged()
    {
        await using var server = await TestServer.StartAsync(new() { ["Spacegate:PublicBaseUrl"] = ProductionSettings.PublicBase });
        using var client = server.CreateClient(cookies: false);
        client.DefaultRequestHeaders.Host = "evil.example";
        var token = (await OAuthClient.ClientCredentialsAsync(client)).AccessToken;

        var response = await GraphClient.PostAsync(client, token, $$"""
            mutation { createPrivateModelEmbedLink(modelId: "HXDYzEzVMGP", clientId: "{{OAuthClient.GlobexClientId}}",
              clientSecret: "{{OAuthClient.GlobexSecret}}") { link } }
            """);

        Assert.False(response.HasErrors, response.ToString());
        Assert.StartsWith(ProductionSettings.PublicBase + "/show?m=HXDYzEzVMGP&auth=Bearer+",
            response.Data.GetProperty("createPrivateModelEmbedLink").GetProperty("link").GetString());
    }

    private static async Task<string> RefusedAsync(Dictionary<string, string?> settings)
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(async () => await (await TestServer.StartAsync(settings)).DisposeAsync());
        Assert.IsNotType<IOException>(exception); // refused by validation, not by a failed bind
        return exception.Message;
    }

    private static ValidateOptionsResult Validate(SpacegateOptions options, string? urls, string? key = null, string? value = null)
    {
        var values = new Dictionary<string, string?> { ["urls"] = urls };
        if (key is not null)
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new SafeStartupValidator(configuration).Validate(null, options);
    }
}
