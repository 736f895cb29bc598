using System.Net;
using System.Text.Json;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ModelApi;

public sealed class ModelQueryTests(ModelApiFixture fixture) : IClassFixture<ModelApiFixture>
{
    private const string AllFields = """
        query($id: ID!) { model(id: $id) { id name description created modified accessVisibility
          internalId state address { streetAddressLines locality administrativeArea postalCode countryCode } } }
        """;

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Missing_token_is_401_request_unauthenticated()
    {
        var response = await GraphClient.PostAsync(Http, null, "{ model(id: \"TacmePubl01\") { id } }");
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.StartsWith("Bearer", response.Response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("request.unauthenticated", response.FirstCode);
        Assert.Equal(401, response.FirstHttpStatus);
    }

    [Fact]
    public async Task Signed_in_browser_cookie_is_not_a_token_401()
    {
        // The GraphQL endpoint reads bearer tokens only: a signed-in browser still needs one.
        using var browser = fixture.Server.CreateClient();
        await OAuthClient.SignInAsync(browser, "bob@demo.spacegate.test");
        var page = await browser.GetAsync("/connected-apps"); // a page that needs the signed-in user
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var response = await GraphClient.PostAsync(browser, null, "{ model(id: \"TacmePubl01\") { id } }");
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("request.unauthenticated", response.FirstCode);
    }

    [Theory]
    [InlineData("Bearer not-a-token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Invalid_token_is_400_invalid_grant_with_invalid_token_challenge(string header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GraphClient.Path)
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { query = "{ model(id: \"TacmePubl01\") { id } }" }),
        };
        request.Headers.TryAddWithoutValidation("Authorization", header);
        var response = await GraphClient.SendAsync(Http, null, request);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_grant", response.Body.GetProperty("error").GetString());
        Assert.Equal("Bearer error=\"invalid_token\"", response.Response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task ViewDetails_reads_public_and_private_details()
    {
        var token = await fixture.AcmeTokenAsync("ViewDetails");
        var response = await GraphClient.PostAsync(Http, token, AllFields, new { id = TestModels.AcmePrivate });
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.False(response.HasErrors, response.ToString());
        var model = response.Data.GetProperty("model");
        Assert.Equal("Harbour Loft", model.GetProperty("name").GetString());
        Assert.Equal("ACME-1", model.GetProperty("internalId").GetString());
        Assert.Equal("active", model.GetProperty("state").GetString());
        Assert.Equal("private", model.GetProperty("accessVisibility").GetString());
        Assert.Equal("Springfield", model.GetProperty("address").GetProperty("locality").GetString());
        Assert.Equal(2, model.GetProperty("address").GetProperty("streetAddressLines").GetArrayLength());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", model.GetProperty("created").GetString());
    }

    [Fact]
    public async Task ViewPublic_sees_public_models_but_not_private_details_and_not_private_models()
    {
        var token = await fixture.AcmeTokenAsync("ViewPublic");
        var publicModel = await GraphClient.PostAsync(Http, token, AllFields, new { id = TestModels.AcmePublic });
        var model = publicModel.Data.GetProperty("model");
        Assert.Equal("Garden Cottage", model.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, model.GetProperty("internalId").ValueKind);
        Assert.Equal(JsonValueKind.Null, model.GetProperty("address").ValueKind);
        Assert.All(publicModel.Errors, e => Assert.Equal("request.unauthorized", e.GetProperty("extensions").GetProperty("code").GetString()));
        Assert.Equal(3, publicModel.Errors.Length); // internalId, state, address
        Assert.Equal(403, publicModel.FirstHttpStatus);

        var privateModel = await GraphClient.PostAsync(Http, token, AllFields, new { id = TestModels.AcmePrivate });
        Assert.Equal(JsonValueKind.Null, privateModel.Data.GetProperty("model").ValueKind);
        Assert.Equal("not.found", privateModel.FirstCode);
        Assert.Equal(404, privateModel.FirstHttpStatus);
    }

    [Fact]
    public async Task Another_accounts_model_is_not_found_exactly_like_a_missing_one()
    {
        var token = await fixture.AcmeTokenAsync("ViewDetails");
        var other = await GraphClient.PostAsync(Http, token, "query($id: ID!) { model(id: $id) { id name } }", new { id = TestModels.GlobexPrivate });
        var missing = await GraphClient.PostAsync(Http, token, "query($id: ID!) { model(id: $id) { id name } }", new { id = "Nonexist001" });
        Assert.Equal("not.found", other.FirstCode);
        Assert.Equal(other.Errors[0].GetProperty("message").GetString()!.Replace(TestModels.GlobexPrivate, "X"),
            missing.Errors[0].GetProperty("message").GetString()!.Replace("Nonexist001", "X"));
        Assert.Equal(JsonValueKind.Null, other.Data.GetProperty("model").ValueKind);
    }

    [Fact]
    public async Task A_token_without_a_view_scope_cannot_read_models()
    {
        var token = await fixture.AcmeTokenAsync("EditDetails");
        var one = await GraphClient.PostAsync(Http, token, "{ model(id: \"TacmePubl01\") { id } }");
        Assert.Equal("request.unauthorized", one.FirstCode);
        var many = await GraphClient.PostAsync(Http, token, "{ models { totalResults } }");
        Assert.Equal("request.unauthorized", many.FirstCode);
        Assert.Equal(JsonValueKind.Null, many.Data.GetProperty("models").ValueKind);
    }

    [Fact]
    public async Task Pagination_walks_to_the_end_with_nextOffset_null()
    {
        var token = await fixture.AcmeTokenAsync("ViewDetails");
        var seen = new List<string>();
        string? offset = null;
        int? total = null;
        for (var page = 0; page < 10; page++)
        {
            var response = await GraphClient.PostAsync(Http, token,
                "query($o: String) { models(pageSize: 2, offset: $o) { nextOffset totalResults results { id } } }", new { o = offset });
            Assert.False(response.HasErrors, response.ToString());
            var list = response.Data.GetProperty("models");
            total ??= list.GetProperty("totalResults").GetInt32();
            seen.AddRange(list.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()!));
            offset = list.GetProperty("nextOffset").GetString();
            if (offset is null)
            {
                break;
            }
        }
        Assert.Null(offset);
        Assert.Equal(total, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Contains(TestModels.AcmePrivate, seen);
        Assert.DoesNotContain(TestModels.GlobexPrivate, seen);
    }

    [Fact]
    public async Task ViewPublic_search_returns_only_public_and_unlisted_models()
    {
        var token = await fixture.AcmeTokenAsync("ViewPublic");
        var response = await GraphClient.PostAsync(Http, token, "{ models(pageSize: 1000) { totalResults results { id accessVisibility } } }");
        var results = response.Data.GetProperty("models").GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Contains(r.GetProperty("accessVisibility").GetString(), new[] { "public", "unlisted" }));
        Assert.Contains(results, r => r.GetProperty("id").GetString() == TestModels.AcmeUnlisted);
    }

    [Fact]
    public async Task Include_and_sortBy_shape_the_results()
    {
        var token = await fixture.AcmeTokenAsync("ViewDetails");
        var inactive = await GraphClient.PostAsync(Http, token, "{ models(include: [inactive]) { results { id state } } }");
        var ids = inactive.Data.GetProperty("models").GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Contains(TestModels.AcmeInactive, ids);
        Assert.All(inactive.Data.GetProperty("models").GetProperty("results").EnumerateArray(),
            r => Assert.Equal("inactive", r.GetProperty("state").GetString()));

        var sorted = await GraphClient.PostAsync(Http, token,
            "{ models(pageSize: 1000, sortBy: [{field: name, direction: asc}]) { results { name } } }");
        var names = sorted.Data.GetProperty("models").GetProperty("results").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal).ToList(), names);
    }

    [Theory]
    [InlineData("{ models(pageSize: 0) { totalResults } }")]
    [InlineData("{ models(pageSize: 1001) { totalResults } }")]
    [InlineData("{ models(offset: \"garbage!\") { totalResults } }")]
    [InlineData("{ model(id: \"TacmePubl01\") { noSuchField } }")]
    [InlineData("{ model(id: \"TacmePubl01\") { id ")]
    [InlineData("query($id: ID!) { model(id: $id) { id } }")]
    public async Task Bad_requests_are_request_invalid(string query)
    {
        var token = await fixture.AcmeTokenAsync("ViewDetails");
        var response = await GraphClient.PostAsync(Http, token, query);
        Assert.Equal("request.invalid", response.FirstCode);
        Assert.Equal(400, response.FirstHttpStatus);
    }

    [Fact]
    public async Task Get_and_application_graphql_forms_work_and_get_refuses_mutations()
    {
        var token = await fixture.AcmeTokenAsync("ViewDetails EditDetails");
        var viaGet = await GraphClient.GetAsync(Http, token, "query($id: ID!) { model(id: $id) { name } }", "{\"id\":\"TacmePubl01\"}");
        Assert.Equal("Garden Cottage", viaGet.Data.GetProperty("model").GetProperty("name").GetString());
        var viaGraphQL = await GraphClient.PostGraphQLAsync(Http, token, "{ model(id: \"TacmePubl01\") { name } }");
        Assert.Equal("Garden Cottage", viaGraphQL.Data.GetProperty("model").GetProperty("name").GetString());
        var mutation = await GraphClient.GetAsync(Http, token, "mutation { updateModelState(id: \"TacmePubl01\", state: inactive) { id } }");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, mutation.Status);
        Assert.Equal("request.invalid", mutation.FirstCode);
    }

    [Fact]
    public async Task Unreadable_bodies_get_request_invalid_never_a_500()
    {
        var token = await fixture.AcmeTokenAsync("ViewDetails");
        async Task<GraphResponse> Send(HttpContent content)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, GraphClient.Path) { Content = content };
            return await GraphClient.SendAsync(Http, token, request);
        }
        var badJson = await Send(new StringContent("{\"query\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badJson.Status);
        Assert.Equal("request.invalid", badJson.FirstCode);
        var wrongType = await Send(new StringContent("{}", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.Status);
        var huge = await Send(new StringContent("{\"query\":\"" + new string('a', 70_000) + "\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.Status);
        Assert.Equal("request.invalid", huge.FirstCode);
        var array = await Send(new StringContent("[1,2]", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, array.Status);
    }

    [Fact]
    public async Task Depth_and_complexity_are_bounded()
    {
        var token = await fixture.AcmeTokenAsync("ViewDetails");
        var ordinary = "{ models { results { __typename bundles { id price { amount currencyCode } } } } }";
        var ok = await GraphClient.PostAsync(Http, token, ordinary);
        Assert.False(ok.HasErrors, ok.ToString());
        // Beside a model field, introspection counts towards the depth limit (alone it has its own: IntrospectionLimitTests).
        var nested = "{ models { totalResults } __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }";
        var tooDeep = await GraphClient.PostAsync(Http, token, nested);
        Assert.Equal("request.invalid", tooDeep.FirstCode);
    }

    [Fact]
    public async Task Revoked_and_expired_tokens_stop_working_at_once()
    {
        var token = await fixture.AcmeTokenAsync("ViewDetails");
        const string query = "{ model(id: \"TacmePubl01\") { id } }";
        Assert.False((await GraphClient.PostAsync(Http, token, query)).HasErrors);
        using var revoke = new HttpRequestMessage(HttpMethod.Post, "/api/oauth/revoke")
        {
            Content = new FormUrlEncodedContent([new("token", token), new("client_id", OAuthClient.AcmeClientId), new("client_secret", OAuthClient.AcmeSecret)]),
        };
        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync(revoke)).StatusCode);
        var afterRevoke = await GraphClient.PostAsync(Http, token, query);
        Assert.Equal(HttpStatusCode.BadRequest, afterRevoke.Status);
        Assert.Equal("invalid_grant", afterRevoke.Body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("name:Garden", new[] { "TacmePubl01" })]
    [InlineData("\"City Studio\"", new[] { "TacmeUnls01" })]
    [InlineData("internalId:ACME-1 OR internalId:ACME-2", new[] { "TacmePriv01", "TacmePubl01" })]
    [InlineData("state:inactive", new[] { "TacmeInac01" })]
    [InlineData("accessVisibility:public AND NOT name:Loft", new[] { "TacmePubl01" })]
    [InlineData("Globex", new string[0])]
    public async Task Search_syntax_runs_within_the_tokens_account(string query, string[] expected)
    {
        var token = await fixture.AcmeTokenAsync("ViewDetails");
        var response = await GraphClient.PostAsync(Http, token, "query($q: String) { models(query: $q, pageSize: 1000) { results { id } } }", new { q = query });
        Assert.False(response.HasErrors, response.ToString());
        var ids = response.Data.GetProperty("models").GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(expected.Order(), ids.Where(id => id!.StartsWith('T')).Order());
    }

    [Fact]
    public async Task Bad_search_syntax_is_request_invalid_with_the_position()
    {
        var token = await fixture.AcmeTokenAsync("ViewDetails");
        var response = await GraphClient.PostAsync(Http, token, "{ models(query: \"name:loft AND colour:red\") { totalResults } }");
        Assert.Equal("request.invalid", response.FirstCode);
        Assert.Equal(14, response.Errors[0].GetProperty("extensions").GetProperty("position").GetInt32());
        Assert.Contains("colour", response.Errors[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Browser_apps_on_other_origins_may_call_the_api_with_a_bearer_token()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, GraphClient.Path);
        preflight.Headers.Add("Origin", "https://app.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        var response = await Http.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("authorization", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant());

        var token = await fixture.AcmeTokenAsync("ViewPublic");
        using var request = new HttpRequestMessage(HttpMethod.Post, GraphClient.Path)
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { query = "{ model(id: \"TacmePubl01\") { id } }" }),
        };
        request.Headers.Add("Origin", "https://app.example");
        var actual = await GraphClient.SendAsync(Http, token, request);
        Assert.Equal("*", actual.Response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(actual.Response.Headers.Contains("Access-Control-Allow-Credentials"));
    }
}
