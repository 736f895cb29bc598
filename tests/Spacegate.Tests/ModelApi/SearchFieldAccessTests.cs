using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Data;
using Spacegate.Server.ModelApi;
using Spacegate.Server.Models;
using Spacegate.Server.Models.Search;
using Spacegate.Server.Seeding;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ModelApi;

/// <summary>
/// Search reveals nothing the token may not read (SPEC §2, §6): probing a private field prefix by prefix and
/// watching totalResults must give an error and no count, for a ViewPublic token and for an embed token.
/// </summary>
public sealed class SearchFieldAccessTests(ModelApiFixture fixture) : IClassFixture<ModelApiFixture>
{
    private const string Search = "query($q: String) { models(query: $q, pageSize: 100) { totalResults results { id } } }";
    private const string ArchivedPublic = "TacmeArch01";

    private HttpClient Http => fixture.Http;

    public static TheoryData<string, string> AcmePrivateProbes => new()
    {
        // query, the private field the refusal must name
        { "internalId:ACME*", "internalId" },
        { "internalId:ACME-2", "internalId" },
        { "internalId:*", "internalId" },
        { "INTERNALID:A*", "internalId" },
        { "-internalId:x", "internalId" },
        { "name:Garden OR internalId:ACME-1*", "internalId" },
        { "state:inactive", "state" },
        { "state:active", "state" },
        { "address.postalCode:627*", "address.postalCode" },
        { "address.locality:Spring", "address.locality" },
        { "address.countryCode:US", "address.countryCode" },
        { "(name:Garden AND address.postalCode:62701)", "address.postalCode" },
    };

    [Theory]
    [MemberData(nameof(AcmePrivateProbes))]
    public async Task SearchFieldAccess_ViewPublicProbesAPrivateField_RefusedNamingItWithoutACount(string query, string field)
    {
        var token = await fixture.AcmeTokenAsync("ViewPublic");
        var response = await GraphClient.PostAsync(Http, token, Search, new { q = query });
        AssertRefusedWithoutCount(response);
        Assert.Contains(field, response.Errors[0].GetProperty("message").GetString());

        // The same query is an ordinary search for a token that may read the field, so the refusal is the rule at work.
        var details = await GraphClient.PostAsync(Http, await fixture.AcmeTokenAsync("ViewDetails"), Search, new { q = query });
        Assert.False(details.HasErrors, details.ToString());
    }

    [Theory]
    [InlineData("internalId:GLX*")]
    [InlineData("state:inactive")]
    [InlineData("address.postalCode:*")]
    [InlineData("address.locality:Spring*")]
    [InlineData("address.countryCode:U*")]
    [InlineData("name:Globex")]
    [InlineData("*")]
    public async Task SearchFieldAccess_EmbedTokenSearches_RefusedWithoutACount(string query)
    {
        var token = await EmbedTokenAsync();
        var response = await GraphClient.PostAsync(Http, token, Search, new { q = query });
        AssertRefusedWithoutCount(response);

        var noQuery = await GraphClient.PostAsync(Http, token, "{ models { totalResults } }");
        AssertRefusedWithoutCount(noQuery);

        // It still reads its own model's public details by id.
        var own = await GraphClient.PostAsync(Http, token, "{ model(id: \"TglobPriv01\") { name } }");
        Assert.False(own.HasErrors, own.ToString());
    }

    [Theory]
    [InlineData("Springfield")]
    [InlineData("62701")]
    [InlineData("\"Test Street\"")]
    public async Task SearchFieldAccess_ViewPublicBareWord_MatchesPublicFieldsOnly(string word)
    {
        var publicOnly = await TotalAsync(await fixture.AcmeTokenAsync("ViewPublic"), word);
        Assert.Equal(0, publicOnly);
        var withDetails = await TotalAsync(await fixture.AcmeTokenAsync("ViewDetails"), word);
        Assert.True(withDetails > 0, $"'{word}' should match the address with ViewDetails");
    }

    [Fact]
    public async Task SearchFieldAccess_ViewPublicBareWord_StillFindsNameAndDescription()
    {
        var token = await fixture.AcmeTokenAsync("ViewPublic");
        Assert.Equal(1, await TotalAsync(token, "Garden"));
        Assert.Equal(1, await TotalAsync(token, "\"City Studio, a test\""));
    }

    [Theory]
    [InlineData("[inactive]")]
    [InlineData("[active, inactive]")]
    public async Task SearchFieldAccess_ViewPublicIncludesInactive_Refused(string include)
    {
        await EnsureArchivedPublicModelAsync();
        var token = await fixture.AcmeTokenAsync("ViewPublic");
        var response = await GraphClient.PostAsync(Http, token, $"{{ models(include: {include}) {{ totalResults results {{ id }} }} }}");
        AssertRefusedWithoutCount(response);
        Assert.Contains("inactive", response.Errors[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task SearchFieldAccess_ViewPublic_NeverSeesAnInactiveModel()
    {
        await EnsureArchivedPublicModelAsync();
        var publicToken = await fixture.AcmeTokenAsync("ViewPublic");
        var active = await GraphClient.PostAsync(Http, publicToken, "{ models(include: [active], pageSize: 100) { results { id } } }");
        Assert.False(active.HasErrors, active.ToString());
        var all = await GraphClient.PostAsync(Http, publicToken, "{ models(pageSize: 100) { results { id } } }");
        Assert.DoesNotContain(ArchivedPublic, Ids(all));
        Assert.Equal(Ids(active), Ids(all));
        var byId = await GraphClient.PostAsync(Http, publicToken, $"{{ model(id: \"{ArchivedPublic}\") {{ name }} }}");
        Assert.Equal("not.found", byId.FirstCode);

        var detailsToken = await fixture.AcmeTokenAsync("ViewDetails");
        Assert.Contains(ArchivedPublic, Ids(await GraphClient.PostAsync(Http, detailsToken, "{ models(include: [inactive], pageSize: 100) { results { id } } }")));
    }

    [Fact]
    public void SearchFieldAccess_PublicFields_AreExactlyThePublicDetails()
    {
        string[] publicDetails = ["name", "description", "accessVisibility", "created", "modified"];
        var named = SearchFields.QueryNames.Where(n => SearchFields.TryFind(n, out var f) && SearchFieldAccess.PublicFields.Contains(f));
        Assert.Equal(publicDetails.Order(), named.Order());
        Assert.All(Enum.GetValues<SearchField>().Where(f => !SearchFieldAccess.PublicFields.Contains(f)),
            f => Assert.True(SearchFields.QueryName(f) is "internalId" or "state" || SearchFields.QueryName(f).StartsWith("address.", StringComparison.Ordinal)));
    }

    private static void AssertRefusedWithoutCount(GraphResponse response)
    {
        Assert.Equal("request.unauthorized", response.FirstCode);
        Assert.Equal(403, response.FirstHttpStatus);
        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("models").ValueKind);
        Assert.DoesNotContain("totalResults", response.Body.GetRawText());
    }

    private async Task<int> TotalAsync(string token, string query)
    {
        var response = await GraphClient.PostAsync(Http, token, Search, new { q = query });
        Assert.False(response.HasErrors, response.ToString());
        return response.Data.GetProperty("models").GetProperty("totalResults").GetInt32();
    }

    private static List<string> Ids(GraphResponse response) =>
        [.. response.Data.GetProperty("models").GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).Order()];

    private async Task<string> EmbedTokenAsync()
    {
        var server = await fixture.GlobexTokenAsync();
        var response = await GraphClient.PostAsync(Http, server,
            "mutation($m: [ID!]!, $c: String!, $s: String!) { createPrivateModelEmbedToken(modelIds: $m, clientId: $c, clientSecret: $s) { accessToken } }",
            new { m = new[] { TestModels.GlobexPrivate, TestModels.GlobexPrivate2 }, c = OAuthClient.GlobexClientId, s = OAuthClient.GlobexSecret });
        Assert.False(response.HasErrors, response.ToString());
        return response.Data.GetProperty("createPrivateModelEmbedToken").GetProperty("accessToken").GetString()!;
    }

    /// <summary>A public but inactive Acme model: what a ViewPublic token must not be able to tell apart.</summary>
    private async Task EnsureArchivedPublicModelAsync()
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        if (await db.Models.FindAsync(ArchivedPublic) is not null)
        {
            return;
        }
        var now = fixture.Server.Clock.GetUtcNow();
        db.Models.Add(new Model
        {
            Id = ArchivedPublic,
            AccountId = DemoData.AcmeAccountId,
            Name = "Archived Pavilion",
            Description = "An archived public space.",
            Created = now,
            Modified = now,
            AccessVisibility = ModelAccessVisibility.Public,
            State = ModelState.Inactive,
            Address = new ModelAddress { Locality = "Springfield" },
        });
        await db.SaveChangesAsync();
    }
}
