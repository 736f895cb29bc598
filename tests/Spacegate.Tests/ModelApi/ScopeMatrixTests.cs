using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ModelApi;

/// <summary>Every operation with the scope it needs succeeds and without it gives request.unauthorized (SPEC §2).</summary>
public sealed class ScopeMatrixTests(ModelApiFixture fixture) : IClassFixture<ModelApiFixture>
{
    public static TheoryData<string, string, string> Operations => new()
    {
        // operation, scopes that allow it, scopes that do not
        { "{ model(id: \"TacmeUnls01\") { name } }", "ViewPublic", "EditDetails" },
        { "{ model(id: \"TacmeUnls01\") { internalId } }", "ViewDetails", "ViewPublic" },
        { "{ model(id: \"TacmeUnls01\") { state } }", "ViewDetails", "ViewPublic" },
        { "{ model(id: \"TacmeUnls01\") { address { locality } } }", "ViewDetails", "ViewPublic" },
        { "{ model(id: \"TacmeUnls01\") { bundles { id } } }", "ViewDetails", "ViewPublic DownloadAssets" },
        { "{ model(id: \"TacmeUnls01\") { assets { scene { url } } } }", "ViewPublic DownloadAssets", "ViewDetails" },
        { "{ model(id: \"TacmeUnls01\") { bundles { assets { url } } } }", "ViewDetails DownloadAssets", "ViewDetails" },
        { "{ models { totalResults } }", "ViewPublic", "DownloadAssets" },
        { "mutation { patchModel(id: \"TacmeUnls01\", patch: {description: \"d\"}) { id } }", "EditDetails", "ViewDetails PurchaseAssets" },
        { "mutation { updateModelAccessVisibility(id: \"TacmeUnls01\", visibility: unlisted) { id } }", "EditDetails", "ViewDetails" },
        { "mutation { updateModelState(id: \"TacmeUnls01\", state: active) { id } }", "EditDetails", "ViewDetails" },
        { "mutation { unlockModelBundle(id: \"TacmeUnls01\", bundleId: \"floorplan:schematic\") { id } }", "PurchaseAssets", "EditDetails DownloadAssets" },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_needs_its_scope(string operation, string allowed, string refused)
    {
        var withScope = await GraphClient.PostAsync(fixture.Http, await fixture.AcmeTokenAsync(allowed), operation);
        Assert.False(withScope.HasErrors, withScope.ToString());

        var withoutScope = await GraphClient.PostAsync(fixture.Http, await fixture.AcmeTokenAsync(refused), operation);
        Assert.True(withoutScope.HasErrors, withoutScope.ToString());
        Assert.Equal("request.unauthorized", withoutScope.FirstCode);
        Assert.Equal(403, withoutScope.FirstHttpStatus);
    }
}
