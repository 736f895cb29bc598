using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Data;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ModelApi;

public sealed class ModelMutationTests(ModelApiFixture fixture) : IClassFixture<ModelApiFixture>
{
    private HttpClient Http => fixture.Http;

    private async Task<T> WithDbAsync<T>(Func<SpacegateDbContext, Task<T>> action)
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<SpacegateDbContext>());
    }

    [Fact]
    public async Task PatchModel_needs_EditDetails_and_changes_only_what_is_sent()
    {
        const string mutation = """
            mutation($id: ID!, $patch: ModelPatch!) { patchModel(id: $id, patch: $patch) {
              id name description internalId address { locality countryCode } } }
            """;
        var readOnly = await fixture.AcmeTokenAsync("ViewDetails");
        var refused = await GraphClient.PostAsync(Http, readOnly, mutation, new { id = TestModels.AcmeUnlisted, patch = new { name = "Hacked" } });
        Assert.Equal("request.unauthorized", refused.FirstCode);
        Assert.Equal("City Studio", await WithDbAsync(db => db.Models.Where(m => m.Id == TestModels.AcmeUnlisted).Select(m => m.Name).SingleAsync()));

        var editor = await fixture.AcmeTokenAsync("ViewDetails EditDetails");
        var response = await GraphClient.PostAsync(Http, editor, mutation,
            new { id = TestModels.AcmeUnlisted, patch = new { name = "City Studio (renovated)", address = new { locality = "Shelbyville", countryCode = "ca" } } });
        Assert.False(response.HasErrors, response.ToString());
        var model = response.Data.GetProperty("patchModel");
        Assert.Equal("City Studio (renovated)", model.GetProperty("name").GetString());
        Assert.Equal("City Studio, a test space.", model.GetProperty("description").GetString());
        Assert.Equal("ACME-3", model.GetProperty("internalId").GetString());
        Assert.Equal("Shelbyville", model.GetProperty("address").GetProperty("locality").GetString());
        Assert.Equal("CA", model.GetProperty("address").GetProperty("countryCode").GetString());
    }

    [Fact]
    public async Task PatchModel_rejects_a_duplicate_internalId_and_bad_values()
    {
        var editor = await fixture.AcmeTokenAsync("ViewDetails EditDetails");
        const string mutation = "mutation($id: ID!, $patch: ModelPatch!) { patchModel(id: $id, patch: $patch) { id } }";
        var duplicate = await GraphClient.PostAsync(Http, editor, mutation, new { id = TestModels.AcmePublic, patch = new { internalId = "ACME-1" } });
        Assert.Equal("not.unique", duplicate.FirstCode);
        Assert.Equal(409, duplicate.FirstHttpStatus);
        var emptyName = await GraphClient.PostAsync(Http, editor, mutation, new { id = TestModels.AcmePublic, patch = new { name = " " } });
        Assert.Equal("request.invalid", emptyName.FirstCode);
        var badCountry = await GraphClient.PostAsync(Http, editor, mutation, new { id = TestModels.AcmePublic, patch = new { address = new { countryCode = "USA" } } });
        Assert.Equal("request.invalid", badCountry.FirstCode);
        var otherAccount = await GraphClient.PostAsync(Http, editor, mutation, new { id = TestModels.GlobexPrivate, patch = new { name = "x" } });
        Assert.Equal("not.found", otherAccount.FirstCode);
    }

    [Fact]
    public async Task PatchModel_ValuesTheDatabaseCannotHold_AreRefusedAsInvalid()
    {
        // PostgreSQL enforces column lengths and refuses NUL in text; both providers answer the same.
        var editor = await fixture.AcmeTokenAsync("ViewDetails EditDetails");
        const string mutation = "mutation($id: ID!, $patch: ModelPatch!) { patchModel(id: $id, patch: $patch) { id address { streetAddressLines } } }";
        var before = await WithDbAsync(db => db.Models.AsNoTracking().Where(m => m.Id == TestModels.AcmePublic)
            .Select(m => new { m.Name, m.Address.StreetAddressLines, m.Address.Locality }).SingleAsync());
        var fullLines = Enumerable.Range(0, 5).Select(i => new string((char)('a' + i), 200)).ToArray();

        var tooLong = await GraphClient.PostAsync(Http, editor, mutation, new { id = TestModels.AcmePublic, patch = new { address = new { streetAddressLines = fullLines } } });
        var nulName = await GraphClient.PostAsync(Http, editor, mutation, new { id = TestModels.AcmePublic, patch = new { name = "a\0b" } });
        var nulLocality = await GraphClient.PostAsync(Http, editor, mutation, new { id = TestModels.AcmePublic, patch = new { address = new { locality = "x\0" } } });
        var nulLine = await GraphClient.PostAsync(Http, editor, mutation, new { id = TestModels.AcmePublic, patch = new { address = new { streetAddressLines = new[] { "1\0 Main St" } } } });

        Assert.Equal("request.invalid", tooLong.FirstCode);
        Assert.Equal("request.invalid", nulName.FirstCode);
        Assert.Equal("request.invalid", nulLocality.FirstCode);
        Assert.Equal("request.invalid", nulLine.FirstCode);
        var after = await WithDbAsync(db => db.Models.AsNoTracking().Where(m => m.Id == TestModels.AcmePublic)
            .Select(m => new { m.Name, m.Address.StreetAddressLines, m.Address.Locality }).SingleAsync());
        Assert.Equal(before, after);

        var longest = fullLines.Select(l => l[..199]).ToArray(); // 5 x 199 + 4 separators = 999 characters
        var accepted = await GraphClient.PostAsync(Http, editor, mutation, new { id = TestModels.AcmePublic, patch = new { address = new { streetAddressLines = longest } } });
        Assert.False(accepted.HasErrors, accepted.ToString());
        Assert.Equal(string.Join('\n', longest),
            await WithDbAsync(db => db.Models.Where(m => m.Id == TestModels.AcmePublic).Select(m => m.Address.StreetAddressLines).SingleAsync()));
    }

    [Fact]
    public async Task Visibility_and_state_changes_follow_their_rules()
    {
        var editor = await fixture.AcmeTokenAsync("ViewDetails EditDetails");
        const string visibility = "mutation($id: ID!, $v: ModelAccessVisibility!, $p: String) { updateModelAccessVisibility(id: $id, visibility: $v, password: $p) { accessVisibility } }";
        var noPassword = await GraphClient.PostAsync(Http, editor, visibility, new { id = TestModels.AcmePrivate, v = "password" });
        Assert.Equal("request.invalid", noPassword.FirstCode);
        var withPassword = await GraphClient.PostAsync(Http, editor, visibility, new { id = TestModels.AcmePrivate, v = "password", p = "open-sesame" });
        Assert.Equal("password", withPassword.Data.GetProperty("updateModelAccessVisibility").GetProperty("accessVisibility").GetString());
        Assert.NotNull(await WithDbAsync(db => db.Models.Where(m => m.Id == TestModels.AcmePrivate).Select(m => m.PasswordHash).SingleAsync()));
        var back = await GraphClient.PostAsync(Http, editor, visibility, new { id = TestModels.AcmePrivate, v = "private" });
        Assert.Equal("private", back.Data.GetProperty("updateModelAccessVisibility").GetProperty("accessVisibility").GetString());

        const string state = "mutation($id: ID!, $s: ModelStateChange!, $a: Boolean) { updateModelState(id: $id, state: $s, allowActivate: $a) { state } }";
        var refused = await GraphClient.PostAsync(Http, editor, state, new { id = TestModels.AcmeInactive, s = "active" });
        Assert.Equal("request.invalid", refused.FirstCode);
        var activated = await GraphClient.PostAsync(Http, editor, state, new { id = TestModels.AcmeInactive, s = "active", a = true });
        Assert.Equal("active", activated.Data.GetProperty("updateModelState").GetProperty("state").GetString());
        var archived = await GraphClient.PostAsync(Http, editor, state, new { id = TestModels.AcmeInactive, s = "inactive" });
        Assert.Equal("inactive", archived.Data.GetProperty("updateModelState").GetProperty("state").GetString());
    }

    [Fact]
    public async Task UnlockModelBundle_needs_PurchaseAssets_charges_once_and_records_the_purchase()
    {
        const string unlock = "mutation($id: ID!, $b: ID!) { unlockModelBundle(id: $id, bundleId: $b) { id availability price { amount currencyCode } } }";
        var noPurchase = await fixture.AcmeTokenAsync("ViewDetails EditDetails");
        var refused = await GraphClient.PostAsync(Http, noPurchase, unlock, new { id = TestModels.AcmePublic, b = "mp:matterpak" });
        Assert.Equal("request.unauthorized", refused.FirstCode);

        var buyer = await fixture.AcmeTokenAsync("ViewDetails PurchaseAssets");
        var first = await GraphClient.PostAsync(Http, buyer, unlock, new { id = TestModels.AcmePublic, b = "mp:matterpak" });
        Assert.False(first.HasErrors, first.ToString());
        Assert.Equal("unlocked", first.Data.GetProperty("unlockModelBundle").GetProperty("availability").GetString());
        Assert.Equal(49.0, first.Data.GetProperty("unlockModelBundle").GetProperty("price").GetProperty("amount").GetDouble());
        var again = await GraphClient.PostAsync(Http, buyer, unlock, new { id = TestModels.AcmePublic, b = "mp:matterpak" });
        Assert.Equal("unlocked", again.Data.GetProperty("unlockModelBundle").GetProperty("availability").GetString());

        var purchases = await WithDbAsync(db => db.Purchases.Where(p => p.ModelId == TestModels.AcmePublic).ToListAsync());
        var purchase = Assert.Single(purchases);
        Assert.Equal(4900, purchase.PriceCents);
        Assert.Equal(OAuthClient.AcmeClientId, purchase.ClientId);
        Assert.NotNull(purchase.UserId);
        Assert.Equal(Spacegate.Server.Seeding.DemoData.AcmeAccountId, purchase.AccountId);

        var unavailable = await GraphClient.PostAsync(Http, buyer, unlock, new { id = TestModels.AcmePublic, b = "mp:e57" });
        Assert.Equal("request.invalid", unavailable.FirstCode);
        var unknown = await GraphClient.PostAsync(Http, buyer, unlock, new { id = TestModels.AcmePublic, b = "no:such" });
        Assert.Equal("not.found", unknown.FirstCode);
    }

    [Fact]
    public async Task Asset_urls_need_DownloadAssets_and_stop_working_when_the_token_is_revoked()
    {
        const string query = "{ model(id: \"TacmePubl01\") { image { url } assets { scene { url validUntil filename } images { url } } } }";
        var viewer = await fixture.AcmeTokenAsync("ViewPublic");
        var refused = await GraphClient.PostAsync(Http, viewer, query);
        Assert.Equal("request.unauthorized", refused.FirstCode);
        Assert.Equal(JsonValueKind.Null, refused.Data.GetProperty("model").GetProperty("assets").ValueKind);
        Assert.NotNull(refused.Data.GetProperty("model").GetProperty("image").GetProperty("url").GetString());

        var downloader = await fixture.AcmeTokenAsync("ViewPublic DownloadAssets");
        var response = await GraphClient.PostAsync(Http, downloader, query);
        Assert.False(response.HasErrors, response.ToString());
        var scene = response.Data.GetProperty("model").GetProperty("assets").GetProperty("scene");
        Assert.Equal("scene.glb", scene.GetProperty("filename").GetString());
        var url = scene.GetProperty("url").GetString()!;
        var download = await Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(TestModels.SceneBytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("model/gltf-binary", download.Content.Headers.ContentType!.MediaType);

        var tampered = await Http.GetAsync(url.Replace("sig=", "sig=x"));
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);

        using var revoke = new HttpRequestMessage(HttpMethod.Post, "/api/oauth/revoke")
        {
            Content = new FormUrlEncodedContent([new("token", downloader), new("client_id", OAuthClient.AcmeClientId), new("client_secret", OAuthClient.AcmeSecret)]),
        };
        await Http.SendAsync(revoke);
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Locked_bundles_list_no_assets_and_bundle_lookup_reports_not_found()
    {
        var token = await fixture.AcmeTokenAsync("ViewDetails DownloadAssets");
        var response = await GraphClient.PostAsync(Http, token,
            "{ model(id: \"TacmeUnls01\") { bundles { id availability assets { url } } bundle(id: \"nope:nope\") { id } } }");
        var bundles = response.Data.GetProperty("model").GetProperty("bundles").EnumerateArray().ToList();
        Assert.Equal(3, bundles.Count);
        var locked = bundles.Single(b => b.GetProperty("id").GetString() == "mp:matterpak");
        Assert.Equal(0, locked.GetProperty("assets").GetArrayLength());
        Assert.Equal("not.found", response.FirstCode);
        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("model").GetProperty("bundle").ValueKind);
    }

    [Fact]
    public async Task Unlocked_bundle_assets_download_through_signed_urls()
    {
        var token = await fixture.AcmeTokenAsync("ViewDetails DownloadAssets");
        var response = await GraphClient.PostAsync(Http, token,
            "{ model(id: \"TacmeUnls01\") { bundle(id: \"floorplan:schematic\") { name availability assets { filename format url validUntil } } } }");
        Assert.False(response.HasErrors, response.ToString());
        var bundle = response.Data.GetProperty("model").GetProperty("bundle");
        Assert.Equal("unlocked", bundle.GetProperty("availability").GetString());
        var asset = Assert.Single(bundle.GetProperty("assets").EnumerateArray());
        Assert.Equal("svg", asset.GetProperty("format").GetString());
        var download = await Http.GetAsync(asset.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Contains("<svg", await download.Content.ReadAsStringAsync());

        // The URL stops working at its validUntil (15 minutes), even while the token is still valid.
        var url = asset.GetProperty("url").GetString()!;
        var validUntil = DateTimeOffset.Parse(asset.GetProperty("validUntil").GetString()!);
        Assert.Contains($"validUntil={validUntil.ToUnixTimeSeconds()}&", url);
        Assert.InRange(validUntil - fixture.Server.Clock.GetUtcNow(), TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
        fixture.Server.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.GetAsync(url)).StatusCode);
    }
}
