using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spacegate.Server;
using Spacegate.Server.Data;
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
        await DropOAuthTablesAsync(_server.Services);
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

    [Fact]
    public async Task UnexpectedFailure_LoggedOnceWithoutQueryString()
    {
        var folder = Directory.CreateTempSubdirectory("spacegate-tests-").FullName;
        var logs = new LogCapture();
        var app = Program.BuildApp(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration["Storage:Provider"] = "Sqlite"; // the test reads the file itself
            builder.Configuration["Storage:SqlitePath"] = Path.Combine(folder, "spacegate.db");
            builder.Logging.AddProvider(logs);
        });
        try
        {
            await app.StartAsync();
            await DropOAuthTablesAsync(app.Services);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            client.DefaultRequestHeaders.Accept.ParseAdd("text/html"); // the error page path, where the middleware would log too

            using var response = await client.GetAsync(OAuthClient.AuthorizeUrl(state: "state-that-must-not-be-logged"));

            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            // EF Core reports its failed command itself; ASP.NET Core's exception middleware must not report it again.
            // Background services (the prune job, the clock poller) may fail on the dropped tables too: only the
            // request's failure counts here, reported once by the handler and never by the middleware.
            var failure = Assert.Single(logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal) && l.Contains("/oauth/authorize"));
            Assert.Contains("UnexpectedErrorHandler[1100] GET /oauth/authorize failed.", failure);
            Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Error Microsoft.AspNetCore.Diagnostics", StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Lines, l => l.Contains("state-that-must-not-be-logged"));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task DropOAuthTablesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        await db.Database.ExecuteSqlRawAsync(db.Database.IsSqlite()
            ? "PRAGMA foreign_keys=OFF; DROP TABLE OpenIddictTokens; DROP TABLE OpenIddictAuthorizations; DROP TABLE OpenIddictApplications;"
            : "DROP TABLE \"OpenIddictTokens\", \"OpenIddictAuthorizations\", \"OpenIddictApplications\" CASCADE;");
    }

    private static void AssertNoDetails(string body)
    {
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("Sqlite", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Npgsql", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("no such table", body);
        Assert.DoesNotContain(" at ", body);
    }
}
