using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.Hosting;

/// <summary>
/// An unexpected failure (here: the database lost the tables the request needs) answers in the
/// endpoint's own format, with no stack trace, exception type or message sent to the client.
/// </summary>
public sealed class ExceptionHandlerTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        await using var connection = new SqliteConnection($"Data Source={_server.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA foreign_keys=OFF; DROP TABLE OpenIddictTokens; DROP TABLE OpenIddictAuthorizations; DROP TABLE OpenIddictApplications;";
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task OAuthEndpoint_UnexpectedFailure_ServerErrorJson()
    {
        using var client = _server.CreateClient();

        var token = await OAuthClient.ClientCredentialsAsync(client);

        Assert.Equal(HttpStatusCode.InternalServerError, token.Status);
        Assert.Equal("server_error", token.Error);
        Assert.True(token.Response.Headers.CacheControl?.NoStore);
        AssertNoDetails(token.Body.GetRawText());
    }

    [Fact]
    public async Task ApiPath_UnexpectedFailure_ProblemJson()
    {
        using var client = _server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "some-token-value");

        using var response = await client.GetAsync("/api/models/graph?query=%7B__typename%7D");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        Assert.Equal(500, body.RootElement.GetProperty("status").GetInt32());
        AssertNoDetails(text);
    }

    [Fact]
    public async Task Page_UnexpectedFailureForBrowser_HtmlErrorPage()
    {
        using var client = _server.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        using var response = await client.GetAsync(OAuthClient.AuthorizeUrl());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html);
        AssertNoDetails(html);
    }

    [Fact]
    public async Task Page_UnexpectedFailureForScript_ProblemJson()
    {
        using var client = _server.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        using var response = await client.GetAsync(OAuthClient.AuthorizeUrl());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        AssertNoDetails(await response.Content.ReadAsStringAsync());
    }

    private static void AssertNoDetails(string body)
    {
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("Sqlite", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("no such table", body);
        Assert.DoesNotContain(" at ", body);
    }
}
