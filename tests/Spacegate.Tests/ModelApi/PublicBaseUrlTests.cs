using System.Text.Json;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ModelApi;

/// <summary>With Spacegate:PublicBaseUrl set, links the server builds use it (SPEC §3).</summary>
public sealed class PublicBaseUrlTests : IAsyncLifetime
{
    private const string PublicBase = "https://spaces.example.test";
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(new() { ["Spacegate:PublicBaseUrl"] = PublicBase + "/" });
        await TestModels.AddAsync(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Metadata_embed_links_and_download_urls_use_the_public_base_url()
    {
        var http = _server.CreateClient(cookies: false);
        var metadata = JsonDocument.Parse(await http.GetStringAsync("/.well-known/oauth-authorization-server")).RootElement;
        Assert.Equal(PublicBase + "/", metadata.GetProperty("issuer").GetString());
        Assert.Equal(PublicBase + "/api/oauth/token", metadata.GetProperty("token_endpoint").GetString());

        var server = (await OAuthClient.ClientCredentialsAsync(http)).AccessToken;
        var response = await GraphClient.PostAsync(http, server, """
            mutation { createPrivateModelEmbedLink(modelId: "TglobPriv01", clientId: "globexportal0000000000001",
              clientSecret: "globex-demo-secret-8b1e4d7a0c3f6925e8d1a4b7c0f3e692") { accessToken link } }
            """);
        Assert.False(response.HasErrors, response.ToString());
        var link = response.Data.GetProperty("createPrivateModelEmbedLink");
        Assert.StartsWith(PublicBase + "/show?m=TglobPriv01&auth=Bearer+", link.GetProperty("link").GetString());

        // The minted token is accepted although requests reach the server under another host name.
        var token = link.GetProperty("accessToken").GetString();
        var model = await GraphClient.PostAsync(http, token, "{ model(id: \"TglobPriv01\") { name assets { scene { url } } } }");
        Assert.False(model.HasErrors, model.ToString());
        Assert.StartsWith(PublicBase + "/api/models/TglobPriv01/files/",
            model.Data.GetProperty("model").GetProperty("assets").GetProperty("scene").GetProperty("url").GetString());
    }
}
