using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ModelApi;

/// <summary>
/// Through the Model API: an edit is searchable by the very next request (the SQLite FTS5 table is written by triggers
/// in the same transaction; PostgreSQL's trigram indexes are ordinary indexes), and on SQLite the search reads the
/// index. Own server, since the test edits a model.
/// </summary>
public sealed class ModelSearchIndexTests(ModelApiFixture fixture) : IClassFixture<ModelApiFixture>
{
    private const string Patch = "mutation($id: ID!, $patch: ModelPatch!) { patchModel(id: $id, patch: $patch) { id } }";

    [Fact]
    public async Task PatchModelDescription_NextSearch_FindsTheNewTextAndNotTheOld()
    {
        var editor = await fixture.AcmeTokenAsync("ViewDetails EditDetails");
        var viewer = await fixture.AcmeTokenAsync("ViewPublic");
        Assert.Equal([TestModels.AcmeUnlisted], await SearchAsync(viewer, "\"City Studio, a test space\""));
        Assert.Empty(await SearchAsync(viewer, "zanzibar"));

        var patched = await GraphClient.PostAsync(fixture.Http, editor, Patch,
            new { id = TestModels.AcmeUnlisted, patch = new { description = "Loft with a Zanzibar-style roof terrace." } });
        Assert.False(patched.HasErrors, patched.ToString());

        using var sql = new SqlCommandRecorder(fixture.Server);
        await sql.StartAsync();
        Assert.Equal([TestModels.AcmeUnlisted], await SearchAsync(viewer, "zanzibar"));
        Assert.Equal([TestModels.AcmeUnlisted], await SearchAsync(editor, "description:\"zanzibar-STYLE roof\""));
        Assert.Empty(await SearchAsync(viewer, "\"a test space\" -garden -harbour"));
        if (!TestDatabase.UsePostgreSql)
        {
            Assert.Contains(sql.Commands, c => c.Contains("\"ModelsFts\" MATCH", StringComparison.Ordinal));
        }

        // The index serves name and description to a ViewPublic token, never the address it may not read.
        Assert.Empty(await SearchAsync(viewer, "springfield"));
        Assert.Contains(TestModels.AcmeUnlisted, await SearchAsync(editor, "springfield"));
    }

    private async Task<string[]> SearchAsync(string token, string query)
    {
        var response = await GraphClient.PostAsync(fixture.Http, token,
            "query($q: String) { models(query: $q, pageSize: 100) { totalResults results { id } } }", new { q = query });
        Assert.False(response.HasErrors, response.ToString());
        var models = response.Data.GetProperty("models");
        var ids = models.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(ids.Length, models.GetProperty("totalResults").GetInt32());
        return ids;
    }
}
