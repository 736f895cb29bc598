using System.Net;
using System.Text;
using System.Text.Json;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ModelApi;

/// <summary>
/// Every Model API error, whichever layer refuses the request, has the one shape of SPEC §5: a code of the
/// vocabulary in extensions.code, and extensions.httpStatus equal to the response's status.
/// </summary>
public sealed class ApiErrorWriterTests(ModelApiFixture fixture) : IClassFixture<ModelApiFixture>
{
    private static readonly string[] Vocabulary =
        ["request.unauthenticated", "request.unauthorized", "request.invalid", "not.found", "not.unique", "error.internal"];

    private HttpClient Http => fixture.Http;

    private static void AssertOneShape(HttpResponseMessage response, JsonElement body, string code)
    {
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        var extensions = error.GetProperty("extensions");
        Assert.Contains(extensions.GetProperty("code").GetString(), Vocabulary);
        Assert.Equal(code, extensions.GetProperty("code").GetString());
        Assert.Equal((int)response.StatusCode, extensions.GetProperty("httpStatus").GetInt32());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpRequestMessage request, string? token)
    {
        var response = await GraphClient.SendAsync(Http, token, request);
        return (response.Response, response.Body);
    }

    [Fact]
    public async Task ApiErrorWriter_TransportRefusals_StatusMatchesExtensions()
    {
        var token = await fixture.AcmeTokenAsync("ViewDetails");

        var missing = await SendAsync(new HttpRequestMessage(HttpMethod.Post, GraphClient.Path)
        {
            Content = new StringContent("{\"query\":\"{ __typename }\"}", Encoding.UTF8, "application/json"),
        }, null);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.Response.StatusCode);
        AssertOneShape(missing.Response, missing.Body, "request.unauthenticated");

        var tooLarge = await SendAsync(new HttpRequestMessage(HttpMethod.Post, GraphClient.Path)
        {
            Content = new StringContent("{\"query\":\"" + new string('a', 70_000) + "\"}", Encoding.UTF8, "application/json"),
        }, token);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.Response.StatusCode);
        AssertOneShape(tooLarge.Response, tooLarge.Body, "request.invalid");

        var mediaType = await SendAsync(new HttpRequestMessage(HttpMethod.Post, GraphClient.Path)
        {
            Content = new StringContent("{}", Encoding.UTF8, "text/plain"),
        }, token);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, mediaType.Response.StatusCode);
        AssertOneShape(mediaType.Response, mediaType.Body, "request.invalid");

        var getMutation = await GraphClient.GetAsync(Http, token, "mutation { updateModelState(id: \"TacmePubl01\", state: active) { id } }");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, getMutation.Status);
        AssertOneShape(getMutation.Response, getMutation.Body, "request.invalid");
    }

    [Theory]
    [InlineData("{ model(id: \"TacmePubl01\") { id ")]
    [InlineData("{ model(id: \"TacmePubl01\") { noSuchField } }")]
    [InlineData("query($id: ID!) { model(id: $id) { id } }")]
    public async Task ApiErrorWriter_DocumentRefusedBeforeItRuns_Is400WithNoData(string query)
    {
        var token = await fixture.AcmeTokenAsync("ViewDetails");
        var response = await GraphClient.PostAsync(Http, token, query);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.False(response.Body.TryGetProperty("data", out _));
        Assert.All(response.Errors, e => Assert.Equal("request.invalid", e.GetProperty("extensions").GetProperty("code").GetString()));
        Assert.All(response.Errors, e => Assert.Equal(400, e.GetProperty("extensions").GetProperty("httpStatus").GetInt32()));
    }

    [Fact]
    public async Task ApiErrorWriter_FieldErrorsBesideData_Are200WithTheFieldsStatusInExtensions()
    {
        var token = await fixture.AcmeTokenAsync("ViewPublic");
        var response = await GraphClient.PostAsync(Http, token, "{ model(id: \"TacmePubl01\") { name internalId } }");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Garden Cottage", response.Data.GetProperty("model").GetProperty("name").GetString());
        Assert.Equal("request.unauthorized", response.FirstCode);
        Assert.Equal(403, response.FirstHttpStatus);
    }

    [Fact]
    public async Task ApiErrorWriter_DownloadUrlRefusals_UseTheSameShape()
    {
        var token = await fixture.AcmeTokenAsync("ViewPublic DownloadAssets");
        var model = await GraphClient.PostAsync(Http, token, "{ model(id: \"TacmePubl01\") { assets { scene { url } } } }");
        var url = model.Data.GetProperty("model").GetProperty("assets").GetProperty("scene").GetProperty("url").GetString()!;

        var tampered = await Http.GetAsync(url + "x");
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        AssertOneShape(tampered, JsonDocument.Parse(await tampered.Content.ReadAsStringAsync()).RootElement, "request.unauthorized");
    }

    [Fact]
    public void ApiErrorWriter_IsTheOnlyPlaceInTheModelApiThatWritesAnErrorBody()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !Directory.Exists(Path.Combine(folder.FullName, "src", "Spacegate.Server", "ModelApi")))
        {
            folder = folder.Parent;
        }
        Assert.NotNull(folder);
        var sources = Directory.GetFiles(Path.Combine(folder.FullName, "src", "Spacegate.Server", "ModelApi"), "*.cs", SearchOption.AllDirectories);
        Assert.Contains(sources, f => Path.GetFileName(f) == "ApiErrorWriter.cs");
        string[] bodyWriters = ["WriteAsJsonAsync", "Results.Json", "Results.Problem", "errors = new", "new ExecutionResult"];
        var offenders = sources.Where(f => Path.GetFileName(f) != "ApiErrorWriter.cs")
            .SelectMany(f => bodyWriters.Where(File.ReadAllText(f).Contains).Select(w => $"{Path.GetFileName(f)}: {w}"))
            .ToList();
        Assert.Empty(offenders);
    }
}
