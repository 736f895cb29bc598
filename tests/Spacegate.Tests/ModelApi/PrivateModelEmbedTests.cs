using System.Net;
using System.Text.Json;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ModelApi;

public sealed class PrivateModelEmbedTests(ModelApiFixture fixture) : IClassFixture<ModelApiFixture>
{
    private const string CreateLink = """
        mutation($m: ID!, $c: String!, $s: String!, $v: String) {
          createPrivateModelEmbedLink(modelId: $m, clientId: $c, clientSecret: $s, validFor: $v) { accessToken application link validUntil } }
        """;
    private const string CreateToken = """
        mutation($m: [ID!]!, $c: String!, $s: String!, $v: String) {
          createPrivateModelEmbedToken(modelIds: $m, clientId: $c, clientSecret: $s, validFor: $v) { accessToken validUntil } }
        """;
    private const string Delete = """
        mutation($c: String!, $s: String!, $t: String!) { deletePrivateModelEmbedToken(clientId: $c, clientSecret: $s, accessToken: $t) }
        """;

    private HttpClient Http => fixture.Http;

    private async Task<(string Token, JsonElement Link)> MintAsync(string model = TestModels.GlobexPrivate, string? validFor = null)
    {
        var server = await fixture.GlobexTokenAsync();
        var response = await GraphClient.PostAsync(Http, server, CreateLink,
            new { m = model, c = OAuthClient.GlobexClientId, s = OAuthClient.GlobexSecret, v = validFor });
        Assert.False(response.HasErrors, response.ToString());
        var link = response.Data.GetProperty("createPrivateModelEmbedLink");
        return (link.GetProperty("accessToken").GetString()!, link);
    }

    [Fact]
    public async Task The_link_has_the_documented_shape_and_a_ten_minute_default()
    {
        var before = fixture.Server.Clock.GetUtcNow();
        var (token, link) = await MintAsync();
        Assert.Equal("showcase", link.GetProperty("application").GetString());
        Assert.Equal($"{fixture.Server.BaseAddress.ToString().TrimEnd('/')}/show?m={TestModels.GlobexPrivate}&auth=Bearer+{Uri.EscapeDataString(token)}",
            link.GetProperty("link").GetString());
        var validUntil = DateTimeOffset.Parse(link.GetProperty("validUntil").GetString()!);
        Assert.InRange(validUntil - before, TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(2));
        Assert.EndsWith("Z", link.GetProperty("validUntil").GetString());
    }

    [Fact]
    public async Task The_embed_token_reads_its_models_public_details_and_scene_and_nothing_else()
    {
        var (token, _) = await MintAsync();
        var model = await GraphClient.PostAsync(Http, token,
            "{ model(id: \"TglobPriv01\") { id name accessVisibility assets { scene { url } images { url } } } }");
        Assert.False(model.HasErrors, model.ToString());
        Assert.Equal("Globex Tower Floor 12", model.Data.GetProperty("model").GetProperty("name").GetString());
        var sceneUrl = model.Data.GetProperty("model").GetProperty("assets").GetProperty("scene").GetProperty("url").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(sceneUrl)).StatusCode);

        var privateDetails = await GraphClient.PostAsync(Http, token, "{ model(id: \"TglobPriv01\") { internalId bundles { id } } }");
        Assert.All(privateDetails.Errors, e => Assert.Equal("request.unauthorized", e.GetProperty("extensions").GetProperty("code").GetString()));
        Assert.Equal(2, privateDetails.Errors.Length);

        var otherModel = await GraphClient.PostAsync(Http, token, "{ model(id: \"TglobPriv02\") { id } }");
        Assert.Equal("not.found", otherModel.FirstCode);
        var search = await GraphClient.PostAsync(Http, token, "{ models { totalResults results { id } } }");
        Assert.Equal("request.unauthorized", search.FirstCode);
        Assert.Equal(JsonValueKind.Null, search.Data.GetProperty("models").ValueKind);

        var mutation = await GraphClient.PostAsync(Http, token, "mutation { patchModel(id: \"TglobPriv01\", patch: {name: \"x\"}) { id } }");
        Assert.Equal("request.unauthorized", mutation.FirstCode);
        var mint = await GraphClient.PostAsync(Http, token, CreateLink,
            new { m = TestModels.GlobexPrivate, c = OAuthClient.GlobexClientId, s = OAuthClient.GlobexSecret });
        Assert.Equal("request.unauthorized", mint.FirstCode);
    }

    [Fact]
    public async Task CreatePrivateModelEmbedToken_covers_several_models()
    {
        var server = await fixture.GlobexTokenAsync();
        var response = await GraphClient.PostAsync(Http, server, CreateToken,
            new { m = new[] { TestModels.GlobexPrivate, TestModels.GlobexPrivate2 }, c = OAuthClient.GlobexClientId, s = OAuthClient.GlobexSecret, v = "PT1H" });
        Assert.False(response.HasErrors, response.ToString());
        var token = response.Data.GetProperty("createPrivateModelEmbedToken").GetProperty("accessToken").GetString();
        var both = await GraphClient.PostAsync(Http, token,
            "{ a: model(id: \"TglobPriv01\") { name } b: model(id: \"TglobPriv02\") { name } }");
        Assert.False(both.HasErrors, both.ToString());
        Assert.Equal("Globex Lobby", both.Data.GetProperty("b").GetProperty("name").GetString());

        var foreign = await GraphClient.PostAsync(Http, server, CreateToken,
            new { m = new[] { TestModels.GlobexPrivate, TestModels.AcmePrivate }, c = OAuthClient.GlobexClientId, s = OAuthClient.GlobexSecret });
        Assert.Equal("not.found", foreign.FirstCode);
    }

    [Theory]
    [InlineData("25h")]
    [InlineData("0s")]
    [InlineData("PT0S")]
    [InlineData("ten minutes")]
    [InlineData("")]
    public async Task Bad_validFor_is_request_invalid(string validFor)
    {
        var server = await fixture.GlobexTokenAsync();
        var response = await GraphClient.PostAsync(Http, server, CreateLink,
            new { m = TestModels.GlobexPrivate, c = OAuthClient.GlobexClientId, s = OAuthClient.GlobexSecret, v = validFor });
        Assert.Equal("request.invalid", response.FirstCode);
        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("createPrivateModelEmbedLink").ValueKind);
    }

    [Fact]
    public async Task Credentials_must_be_the_bearer_tokens_own_app()
    {
        var server = await fixture.GlobexTokenAsync();
        var wrongSecret = await GraphClient.PostAsync(Http, server, CreateLink,
            new { m = TestModels.GlobexPrivate, c = OAuthClient.GlobexClientId, s = "wrong-secret" });
        Assert.Equal("request.unauthorized", wrongSecret.FirstCode);
        var otherApp = await GraphClient.PostAsync(Http, server, CreateLink,
            new { m = TestModels.GlobexPrivate, c = OAuthClient.AcmeClientId, s = OAuthClient.AcmeSecret });
        Assert.Equal("request.unauthorized", otherApp.FirstCode);
        var otherAccountModel = await GraphClient.PostAsync(Http, server, CreateLink,
            new { m = TestModels.AcmePrivate, c = OAuthClient.GlobexClientId, s = OAuthClient.GlobexSecret });
        Assert.Equal("not.found", otherAccountModel.FirstCode);

        // An app of an account without PME cannot mint embed tokens even with its own credentials.
        var acme = await fixture.AcmeTokenAsync("ViewDetails");
        var notPme = await GraphClient.PostAsync(Http, acme, CreateLink,
            new { m = TestModels.AcmePrivate, c = OAuthClient.AcmeClientId, s = OAuthClient.AcmeSecret });
        Assert.Equal("request.unauthorized", notPme.FirstCode);
    }

    [Fact]
    public async Task Deleting_the_token_stops_it_at_once()
    {
        var (token, _) = await MintAsync();
        var assets = await GraphClient.PostAsync(Http, token, "{ model(id: \"TglobPriv01\") { assets { scene { url } } } }");
        var sceneUrl = assets.Data.GetProperty("model").GetProperty("assets").GetProperty("scene").GetProperty("url").GetString()!;

        var server = await fixture.GlobexTokenAsync();
        var wrong = await GraphClient.PostAsync(Http, server, Delete, new { c = OAuthClient.GlobexClientId, s = "nope", t = token });
        Assert.Equal("request.unauthorized", wrong.FirstCode);
        var deleted = await GraphClient.PostAsync(Http, server, Delete, new { c = OAuthClient.GlobexClientId, s = OAuthClient.GlobexSecret, t = token });
        Assert.False(deleted.HasErrors, deleted.ToString());
        Assert.True(deleted.Data.GetProperty("deletePrivateModelEmbedToken").GetBoolean());

        var after = await GraphClient.PostAsync(Http, token, "{ model(id: \"TglobPriv01\") { id } }");
        Assert.Equal(HttpStatusCode.BadRequest, after.Status);
        Assert.Equal("invalid_grant", after.Body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.GetAsync(sceneUrl)).StatusCode);

        // Only embed tokens of the caller's own app can be deleted this way.
        var notEmbed = await GraphClient.PostAsync(Http, server, Delete, new { c = OAuthClient.GlobexClientId, s = OAuthClient.GlobexSecret, t = server });
        Assert.Equal("request.unauthorized", notEmbed.FirstCode);
    }
}

/// <summary>Moves the clock, so it gets a server of its own.</summary>
public sealed class PrivateModelEmbedExpiryTests : IAsyncLifetime
{
    private readonly ModelApiFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task The_embed_token_expires_after_validFor()
    {
        var server = await _fixture.GlobexTokenAsync();
        var response = await GraphClient.PostAsync(_fixture.Http, server, """
            mutation { createPrivateModelEmbedLink(modelId: "TglobPriv01", clientId: "globexportal0000000000001",
              clientSecret: "globex-demo-secret-8b1e4d7a0c3f6925e8d1a4b7c0f3e692", validFor: "5m") { accessToken validUntil } }
            """);
        Assert.False(response.HasErrors, response.ToString());
        var token = response.Data.GetProperty("createPrivateModelEmbedLink").GetProperty("accessToken").GetString();
        const string query = "{ model(id: \"TglobPriv01\") { name } }";
        _fixture.Server.Advance(TimeSpan.FromMinutes(4));
        var stillValid = await GraphClient.PostAsync(_fixture.Http, token, query);
        Assert.Equal("Globex Tower Floor 12", stillValid.Data.GetProperty("model").GetProperty("name").GetString());
        _fixture.Server.Advance(TimeSpan.FromMinutes(2));
        var expired = await GraphClient.PostAsync(_fixture.Http, token, query);
        Assert.Equal(HttpStatusCode.BadRequest, expired.Status);
        Assert.Equal("invalid_grant", expired.Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_access_token_stops_working_when_it_expires()
    {
        var token = await _fixture.AcmeTokenAsync("ViewDetails");
        _fixture.Server.Advance(TimeSpan.FromMinutes(61));
        var expired = await GraphClient.PostAsync(_fixture.Http, token, "{ model(id: \"TacmePubl01\") { id } }");
        Assert.Equal(HttpStatusCode.BadRequest, expired.Status);
        Assert.Equal("Bearer error=\"invalid_token\"", expired.Response.Headers.WwwAuthenticate.ToString());
    }
}
