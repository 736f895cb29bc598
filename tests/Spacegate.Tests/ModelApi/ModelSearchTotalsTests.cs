using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ModelApi;

/// <summary>
/// totalResults read from ModelCounts (searches on state and visibility only) equals the number of models the search
/// returns, for each kind of caller and include, and costs no count over Models; other searches still count.
/// </summary>
public sealed class ModelSearchTotalsTests(ModelApiFixture fixture) : IClassFixture<ModelApiFixture>
{
    private const string Search = "query($q: String, $i: [SearchInclusion!]) { models(query: $q, include: $i, pageSize: 1000) { totalResults results { id } } }";

    [Fact]
    public async Task StateAndVisibilitySearches_TotalFromModelCounts_EqualsTheResults()
    {
        var details = await fixture.AcmeTokenAsync("ViewDetails");
        var publicOnly = await fixture.AcmeTokenAsync("ViewPublic");
        var cases = new (string Token, string Query, string[]? Include)[]
        {
            (details, "*", null), (details, "", null), (details, "state:inactive", null), (details, "*", ["inactive"]),
            (details, "-state:inactive AND (accessVisibility:public OR accessVisibility:unlisted)", null),
            (details, "NOT accessVisibility:private", ["active"]), (details, "state:active -state:active", null),
            (publicOnly, "*", null), (publicOnly, "accessVisibility:public", null), (publicOnly, "NOT accessVisibility:unlisted", ["active"]),
        };
        using var sql = new SqlCommandRecorder(fixture.Server);
        await sql.StartAsync();
        foreach (var (token, query, include) in cases)
        {
            var (total, ids) = await SearchAsync(token, query, include);
            Assert.True(total == ids.Length, $"'{query}' include {include?.Length}: totalResults {total}, results {ids.Length}");
        }
        Assert.DoesNotContain(sql.Commands, c => c.Contains("COUNT(*)", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(sql.Commands, c => c.Contains("\"ModelCounts\"", StringComparison.Ordinal));

        // A search on anything else is counted over Models.
        sql.Clear();
        var (counted, found) = await SearchAsync(details, "state:active AND studio", null);
        Assert.Equal(found.Length, counted);
        Assert.Contains(sql.Commands, c => c.Contains("COUNT(*)", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task StateChange_ThroughTheApi_IsInTheNextTotal()
    {
        var editor = await fixture.AcmeTokenAsync("ViewDetails EditDetails");
        var (before, _) = await SearchAsync(editor, "state:inactive", null);
        var changed = await GraphClient.PostAsync(fixture.Http, editor,
            "mutation($id: ID!) { updateModelState(id: $id, state: inactive) { id state } }", new { id = TestModels.AcmePrivate });
        Assert.False(changed.HasErrors, changed.ToString());
        var (after, ids) = await SearchAsync(editor, "state:inactive", null);
        Assert.Equal(before + 1, after);
        Assert.Contains(TestModels.AcmePrivate, ids);
    }

    private async Task<(int Total, string[] Ids)> SearchAsync(string token, string query, string[]? include)
    {
        var response = await GraphClient.PostAsync(fixture.Http, token, Search, new { q = query, i = include });
        Assert.False(response.HasErrors, response.ToString());
        var models = response.Data.GetProperty("models");
        return (models.GetProperty("totalResults").GetInt32(),
            [.. models.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()!)]);
    }
}
