using Microsoft.Extensions.DependencyInjection;
using Spacegate.Client.ModelApi;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ClientLibrary;

/// <summary>The typed Model API client against the real GraphQL endpoint.</summary>
public sealed class SpacegateModelApiTests(ClientLibraryFixture fixture) : IClassFixture<ClientLibraryFixture>
{
    private const string Key = "user-1";
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task ListModels_WalksEveryModelOnce_AcrossPages()
    {
        await using var services = fixture.CreateClientServices();
        await ClientConnections.ConnectAsync(Server, services, Key);
        var api = services.GetRequiredService<SpacegateModelApiFactory>().ForUser(Key);
        var first = await api.SearchModelsAsync(pageSize: 2);
        Assert.True(first.TotalResults > 4, $"only {first.TotalResults} models");
        Assert.NotNull(first.NextOffset);

        var walked = new List<Model>();
        await foreach (var model in api.ListModelsAsync(pageSize: 2))
        {
            walked.Add(model);
        }

        Assert.Equal(first.TotalResults, walked.Count);
        Assert.Equal(walked.Count, walked.Select(m => m.Id).Distinct().Count());
        var all = await api.SearchModelsAsync(pageSize: 1000);
        Assert.Null(all.NextOffset);
        Assert.Equal(all.Results.Select(m => m.Id).Order(), walked.Select(m => m.Id).Order());
    }

    [Fact]
    public async Task GetModel_ReadsDetails_AndUnknownIdIsNull()
    {
        await using var services = fixture.CreateClientServices();
        await ClientConnections.ConnectAsync(Server, services, Key);
        var api = services.GetRequiredService<SpacegateModelApiFactory>().ForUser(Key);
        var id = (await api.SearchModelsAsync(pageSize: 1)).Results[0].Id;

        var model = await api.GetModelAsync(id, ModelSelection.Details);

        Assert.NotNull(model);
        Assert.Equal(id, model.Id);
        Assert.False(string.IsNullOrEmpty(model.Name));
        Assert.NotNull(model.Address);
        Assert.NotNull(model.Bundles);
        Assert.All(model.Bundles, bundle => Assert.NotNull(bundle.Price));
        Assert.Null(await api.GetModelAsync("Zzzzzzzzzzz"));
    }

    [Fact]
    public async Task GraphQLErrors_BecomeTypedExceptions_WithCode_AndPartialDataStaysReadable()
    {
        await using var services = fixture.CreateClientServices();
        await ClientConnections.ConnectAsync(Server, services, Key);
        var api = services.GetRequiredService<SpacegateModelApiFactory>().ForUser(Key);
        var model = (await api.SearchModelsAsync(pageSize: 1)).Results[0];

        var syntax = await Assert.ThrowsAsync<SpacegateGraphQLException>(() => api.SearchModelsAsync("name:(", pageSize: 1));
        Assert.Equal("request.invalid", syntax.Code);
        Assert.Equal(400, syntax.Errors[0].HttpStatus);

        // Assets need DownloadAssets, which this connection lacks: that field fails, the name does not.
        var partial = await Assert.ThrowsAsync<SpacegateGraphQLException>(() =>
            api.ExecuteAsync("query($id: ID!) { model(id: $id) { id name assets { scene { url } } } }", new { id = model.Id }));
        Assert.Equal("request.unauthorized", partial.Code);
        Assert.Contains("assets", partial.Errors[0].Path.Select(p => p.ToString()));
        var readable = partial.ReadPartial<Model>("model");
        Assert.NotNull(readable);
        Assert.Equal(model.Name, readable.Name);

        // Mutations without their scope: request.unauthorized, nothing bought.
        var purchase = await Assert.ThrowsAsync<SpacegateGraphQLException>(() => api.UnlockBundleAsync(model.Id, "mp:matterpak"));
        Assert.Equal("request.unauthorized", purchase.Code);
    }

    [Fact]
    public async Task PatchAndPurchase_ChangeTheModel()
    {
        await using var services = fixture.CreateClientServices(scopes: "ViewDetails EditDetails PurchaseAssets");
        await ClientConnections.ConnectAsync(Server, services, Key);
        var api = services.GetRequiredService<SpacegateModelApiFactory>().ForUser(Key);
        var model = await api.ListModelsAsync(selection: ModelSelection.Details)
            .FirstAsync(m => m.Bundles!.Any(b => b.Availability == "locked"));
        var bundle = model.Bundles!.First(b => b.Availability == "locked");

        var patched = await api.PatchModelAsync(model.Id, new ModelPatch { Description = "Refurbished by the partner app" });
        var unlocked = await api.UnlockBundleAsync(model.Id, bundle.Id);

        Assert.Equal("Refurbished by the partner app", patched.Description);
        Assert.Equal(model.Name, patched.Name);
        Assert.Equal("unlocked", unlocked.Availability);
        var reread = await api.GetModelAsync(model.Id, ModelSelection.Details);
        Assert.Equal("Refurbished by the partner app", reread!.Description);
        Assert.Equal("unlocked", reread.Bundles!.Single(b => b.Id == bundle.Id).Availability);
    }

    [Fact]
    public async Task EmbedLinkAndToken_MintedWithTheApplicationToken_DeletedTokenStopsAtOnce()
    {
        await using var services = fixture.CreateClientServices(clientId: OAuthClient.GlobexClientId, secret: OAuthClient.GlobexSecret,
            redirectUri: Spacegate.Server.Seeding.DemoData.GlobexAppRedirectUri);
        var app = services.GetRequiredService<SpacegateModelApiFactory>().ForApplication();
        var models = (await app.SearchModelsAsync(pageSize: 2)).Results;

        var link = await app.CreatePrivateModelEmbedLinkAsync(models[0].Id, "5m");
        var token = await app.CreatePrivateModelEmbedTokenAsync(models.Select(m => m.Id), "2m");

        Assert.Equal("showcase", link.Application);
        Assert.Equal($"{Server.BaseAddress}show?m={models[0].Id}&auth=Bearer+{link.AccessToken}", link.Link);
        Assert.InRange(link.ValidUntil - Server.Clock.GetUtcNow(), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5.1));
        using var viewer = Server.CreateClient(cookies: false);
        var read = await GraphClient.PostAsync(viewer, link.AccessToken, "query($id: ID!) { model(id: $id) { name } }", new { id = models[0].Id });
        Assert.False(read.HasErrors, read.ToString());
        Assert.False((await GraphClient.PostAsync(viewer, token.AccessToken, "query($id: ID!) { model(id: $id) { name } }", new { id = models[1].Id })).HasErrors);

        Assert.True(await app.DeletePrivateModelEmbedTokenAsync(link.AccessToken));
        var after = await GraphClient.PostAsync(viewer, link.AccessToken, "query($id: ID!) { model(id: $id) { name } }", new { id = models[0].Id });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, after.Status);

        var tooLong = await Assert.ThrowsAsync<SpacegateGraphQLException>(() => app.CreatePrivateModelEmbedLinkAsync(models[0].Id, "25h"));
        Assert.Equal("request.invalid", tooLong.Code);
    }
}
