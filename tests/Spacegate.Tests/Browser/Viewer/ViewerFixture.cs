using System.Net;
using Microsoft.Playwright;
using Spacegate.Server.Seeding;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Browser.Viewer;

/// <summary>A PME link as createPrivateModelEmbedLink returns it.</summary>
public sealed record EmbedLink(string AccessToken, string Link, DateTimeOffset ValidUntil);

/// <summary>
/// One server with the demo data (its models have generated glTF scenes), and one headless Chromium with
/// software WebGL; each test opens its own browser context. Also mints and deletes PME tokens.
/// </summary>
public sealed class ViewerFixture : IAsyncLifetime
{
    /// <summary>A private demo model of Globex Estates (the PME-enabled account), with a scene and colormap images.</summary>
    public static readonly string ModelId = DemoModels.GlobexHouseOffices.Id;
    public static readonly string ModelName = DemoModels.GlobexHouseOffices.Name;

    /// <summary>Another Globex demo model.</summary>
    public static readonly string OtherModelId = DemoModels.KingswayRetail.Id;

    private const string CreateLink = """
        mutation($m: ID!, $c: String!, $s: String!, $v: String) {
          createPrivateModelEmbedLink(modelId: $m, clientId: $c, clientSecret: $s, validFor: $v) { accessToken link validUntil } }
        """;
    private const string DeleteToken = """
        mutation($c: String!, $s: String!, $t: String!) { deletePrivateModelEmbedToken(clientId: $c, clientSecret: $s, accessToken: $t) }
        """;

    private IPlaywright _playwright = null!;

    public TestServer Server { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync();
        Http = Server.CreateClient(cookies: false);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            // No GPU here: WebGL runs on SwiftShader, Chromium's software renderer.
            Args = ["--headless", "--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        Http?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }

    public Task<IBrowserContext> NewContextAsync() =>
        Browser.NewContextAsync(new() { ViewportSize = new() { Width = 960, Height = 640 } });

    public async Task<EmbedLink> MintAsync(string validFor = "10m", string? modelId = null)
    {
        var server = await ServerTokenAsync();
        var response = await GraphClient.PostAsync(Http, server, CreateLink,
            new { m = modelId ?? ModelId, c = DemoData.GlobexAppClientId, s = DemoData.GlobexAppSecret, v = validFor });
        Assert.False(response.HasErrors, response.ToString());
        var link = response.Data.GetProperty("createPrivateModelEmbedLink");
        return new EmbedLink(link.GetProperty("accessToken").GetString()!, link.GetProperty("link").GetString()!,
            DateTimeOffset.Parse(link.GetProperty("validUntil").GetString()!));
    }

    public async Task DeleteAsync(string token)
    {
        var response = await GraphClient.PostAsync(Http, await ServerTokenAsync(), DeleteToken,
            new { c = DemoData.GlobexAppClientId, s = DemoData.GlobexAppSecret, t = token });
        Assert.False(response.HasErrors, response.ToString());
        Assert.True(response.Data.GetProperty("deletePrivateModelEmbedToken").GetBoolean());
    }

    /// <summary>True when the Model API still accepts the token (false: HTTP 400 invalid_grant).</summary>
    public async Task<bool> IsAcceptedAsync(string token)
    {
        var response = await GraphClient.PostAsync(Http, token, "{ model(id: \"" + ModelId + "\") { id } }");
        return response.Status == HttpStatusCode.OK && !response.HasErrors;
    }

    private async Task<string> ServerTokenAsync()
    {
        var token = await OAuthClient.ClientCredentialsAsync(Http);
        return token.AccessToken ?? throw new InvalidOperationException(token.Body.ToString());
    }
}
