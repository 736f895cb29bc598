using System.Diagnostics;
using System.Net;
using System.Text;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ModelApi;

/// <summary>
/// Introspection-only operations (IntrospectionLimits): GraphiQL's standard introspection query passes, although it is
/// deeper than model queries may be; walks in circles through the schema, deep nesting and fragment bombs are refused.
/// </summary>
public sealed class IntrospectionLimitTests(ModelApiFixture fixture) : IClassFixture<ModelApiFixture>
{
    /// <summary>graphql-js 16's getIntrospectionQuery() as GraphiQL 4 sends it (whitespace stripped).</summary>
    private const string StandardIntrospection = """
        query IntrospectionQuery{__schema{queryType{name kind}mutationType{name kind}subscriptionType{name kind}types{...FullType}directives{name description locations args{...InputValue}}}}fragment FullType on __Type{kind name description fields(includeDeprecated:true){name description args{...InputValue}type{...TypeRef}isDeprecated deprecationReason}inputFields{...InputValue}interfaces{...TypeRef}enumValues(includeDeprecated:true){name description isDeprecated deprecationReason}possibleTypes{...TypeRef}}fragment InputValue on __InputValue{name description type{...TypeRef}defaultValue}fragment TypeRef on __Type{kind name ofType{name kind ofType{name kind ofType{name kind ofType{name kind ofType{name kind ofType{name kind ofType{name kind ofType{name kind ofType{name kind}}}}}}}}}}
        """;

    private HttpClient Http => fixture.Http;

    private static void AssertRefused(GraphResponse response, string mentions)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.False(response.Body.TryGetProperty("data", out _), response.ToString());
        Assert.Equal("request.invalid", response.FirstCode);
        Assert.Contains(mentions, response.Errors[0].GetProperty("message").GetString());
    }

    private static string Nested(string field, int levels, string leaf) =>
        string.Concat(Enumerable.Repeat(field + " { ", levels)) + leaf + string.Concat(Enumerable.Repeat(" }", levels));

    [Fact]
    public async Task IntrospectionLimits_GraphiQLStandardQuery_ReturnsTheWholeSchema()
    {
        var token = await fixture.AcmeTokenAsync("ViewPublic");
        var response = await GraphClient.PostAsync(Http, token, StandardIntrospection, operationName: "IntrospectionQuery");

        Assert.False(response.HasErrors, response.ToString());
        var schema = response.Data.GetProperty("__schema");
        Assert.Equal("Query", schema.GetProperty("queryType").GetProperty("name").GetString());
        Assert.Equal("Mutation", schema.GetProperty("mutationType").GetProperty("name").GetString());
        var types = schema.GetProperty("types").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        var fields = types["Query"].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Contains("models", fields);
        Assert.Contains("model", fields);
        Assert.Contains("ModelPatch", types.Keys);
        // The same nesting in a query that reads models is still refused by the depth limit.
        var deepModels = "{ models { totalResults } " + Nested("__schema { types { fields { type", 1, Nested("ofType", 8, "name")) + " } } } }";
        AssertRefused(await GraphClient.PostAsync(Http, token, deepModels), "levels deep");
    }

    [Fact]
    public async Task IntrospectionLimits_WithoutToken_StillUnauthenticated()
    {
        var response = await GraphClient.PostAsync(Http, null, StandardIntrospection);
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.False(response.Body.TryGetProperty("data", out _));
    }

    [Theory]
    [InlineData("{ __schema { types { fields { type { fields { name } } } } } }", "in circles")]
    [InlineData("{ __schema { types { possibleTypes { interfaces { possibleTypes { name } } } } } }", "in circles")]
    [InlineData("{ __type(name: \"Model\") { fields { type { ...T } } } } fragment T on __Type { fields { name } }", "in circles")]
    [InlineData("{ a: __schema { queryType { name } } b: __schema { queryType { name } } }", "once each")]
    public async Task IntrospectionLimits_SchemaWalkedInCircles_Refused(string query, string mentions)
    {
        var token = await fixture.AcmeTokenAsync("ViewPublic");
        AssertRefused(await GraphClient.PostAsync(Http, token, query), mentions);
    }

    [Fact]
    public async Task IntrospectionLimits_DeeperThanTwentyLevels_Refused()
    {
        var token = await fixture.AcmeTokenAsync("ViewPublic");
        var ok = await GraphClient.PostAsync(Http, token, "{ __type(name: \"Model\") { " + Nested("ofType", 18, "name") + " } }");
        Assert.False(ok.HasErrors, ok.ToString());
        AssertRefused(await GraphClient.PostAsync(Http, token, "{ __type(name: \"Model\") { " + Nested("ofType", 19, "name") + " } }"),
            "deeper than 20 levels");
    }

    [Fact]
    public async Task IntrospectionLimits_FragmentBomb_RefusedAtOnce()
    {
        // Each fragment spreads the next twice: few fields in the document, 2^30 once expanded, none deeper than two levels.
        var query = new StringBuilder("{ __type(name: \"Model\") { ...F0 } }");
        for (var i = 0; i < 30; i++)
        {
            query.Append(CultureInfoInvariant($" fragment F{i} on __Type {{ name ...F{i + 1} ... on __Type {{ ...F{i + 1} }} }}"));
        }
        query.Append(" fragment F30 on __Type { name }");
        var token = await fixture.AcmeTokenAsync("ViewPublic");

        var watch = Stopwatch.StartNew();
        var response = await GraphClient.PostAsync(Http, token, query.ToString());
        watch.Stop();
        AssertRefused(response, "expands to more than");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);
}
