using System.Net;
using System.Text.Json;
using Spacegate.Server.Cli;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;

namespace Spacegate.Tests.Cli;

public sealed class CliTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => await RunWithAsync(null, args);

    private async Task<(int Code, string Output, string Error)> RunWithAsync(string? mode, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, builder =>
        {
            _server.Database.Apply(builder.Configuration);
            builder.Configuration["Logging:LogLevel:Default"] = "Warning";
            if (mode is not null)
            {
                builder.Configuration["Spacegate:Mode"] = mode;
            }
        });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task AppsCreate_Json_PrintsSecretOnceThatWorksAndResetSecretRevokesIt()
    {
        var (code, output, error) = await RunAsync("apps", "create", "--account", "globex", "--name", "CLI Portal",
            "--redirect-uri", "https://cli.example/cb", "--scope", "ViewPublic ViewDetails", "--duration", "30", "--json");
        Assert.True(code == 0, error);
        var created = JsonDocument.Parse(output).RootElement;
        var clientId = created.GetProperty("clientId").GetString()!;
        var secret = created.GetProperty("clientSecret").GetString()!;
        Assert.Matches("^[a-z0-9]{25}$", clientId);

        // Development mode still allows client_credentials for a PME account; the token lasts the app's 30 minutes.
        var api = _server.CreateClient(cookies: false);
        var token = await ClientCredentialsAsync(api, clientId, secret);
        Assert.Equal(HttpStatusCode.OK, token.Status);
        Assert.InRange(token.ExpiresIn!.Value, 1790, 1800);

        var reset = await RunAsync("apps", "reset-secret", clientId, "--json");
        Assert.Equal(0, reset.Code);
        var newSecret = JsonDocument.Parse(reset.Output).RootElement.GetProperty("clientSecret").GetString()!;
        Assert.Equal(HttpStatusCode.Unauthorized, (await ClientCredentialsAsync(api, clientId, secret)).Status);
        Assert.Equal(HttpStatusCode.OK, (await ClientCredentialsAsync(api, clientId, newSecret)).Status);
    }

    [Fact]
    public async Task AppsCreate_InvalidInput_ClearErrors()
    {
        var (code, _, error) = await RunAsync("apps", "create", "--account", "acme", "--name", "Acme Listings Sync",
            "--redirect-uri", "not a url", "--scope", "Teleport", "--duration", "2000");
        Assert.Equal(1, code);
        Assert.Contains("already exists", error);
        Assert.Contains("redirect URI", error);
        Assert.Contains("'Teleport' is unknown", error);
        Assert.Contains("between 1 minute and 24 hours", error);
    }

    [Fact]
    public async Task AppsApproveAndReject_MoveTheMode()
    {
        var created = JsonDocument.Parse((await RunAsync("apps", "create", "--account", "acme", "--name", "Review Me",
            "--redirect-uri", "https://review.example/cb", "--scope", "ViewPublic", "--json")).Output).RootElement;
        var clientId = created.GetProperty("clientId").GetString()!;
        Assert.Equal(1, (await RunAsync("apps", "reject", clientId, "--reason", "not pending")).Code);
        Assert.Equal(0, (await RunAsync("apps", "request-production", clientId)).Code);
        Assert.Equal(0, (await RunAsync("apps", "reject", clientId, "--reason", "needs a privacy policy")).Code);
        Assert.Contains("\"mode\": \"development\"", (await RunAsync("apps", "list", "--account", "acme", "--json")).Output);
        Assert.Equal(0, (await RunAsync("apps", "approve", clientId)).Code);
        var list = (await RunAsync("apps", "list", "--json")).Output;
        var app = JsonDocument.Parse(list).RootElement.EnumerateArray().Single(a => a.GetProperty("clientId").GetString() == clientId);
        Assert.Equal("production", app.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task AccountsSetFlags_PmeOff_StopsClientCredentials()
    {
        var api = _server.CreateClient(cookies: false);
        Assert.Equal(0, (await RunAsync("accounts", "set-flags", "globex", "--pme", "false")).Code);
        Assert.Equal("unauthorized_client", (await ClientCredentialsAsync(api)).Error);
        Assert.Equal(0, (await RunAsync("accounts", "set-flags", "globex", "--pme", "true")).Code);
        Assert.Equal(HttpStatusCode.OK, (await ClientCredentialsAsync(api)).Status);
    }

    [Fact]
    public async Task GrantsRevoke_StopsTheGrantsTokens()
    {
        var token = await FullCodeFlowAsync(_server);
        var grants = JsonDocument.Parse((await RunAsync("grants", "list", "--account", "acme", "--json")).Output).RootElement;
        foreach (var grant in grants.EnumerateArray())
        {
            Assert.Equal(0, (await RunAsync("grants", "revoke", grant.GetProperty("id").GetString()!)).Code);
        }
        Assert.Equal("invalid_grant", (await RefreshAsync(_server.CreateClient(false), token.RefreshToken!)).Error);
    }

    [Fact]
    public async Task UsersAndMembers_CreateAndList()
    {
        Assert.Equal(0, (await RunAsync("users", "create", "--email", "dave@example.test", "--name", "Dave", "--password", "A-long-password-1")).Code);
        Assert.Equal(0, (await RunAsync("members", "add", "--account", "acme", "--email", "dave@example.test", "--role", "admin")).Code);
        var list = (await RunAsync("users", "list", "--json")).Output;
        Assert.Contains("dave@example.test", list);
        Assert.Equal(1, (await RunAsync("members", "add", "--account", "acme", "--email", "nobody@example.test")).Code);
    }

    [Fact]
    public async Task Clock_Production_IsRefused()
    {
        var (code, _, error) = await RunWithAsync("Production", "clock", "advance", "25h");
        Assert.Equal(1, code);
        Assert.Contains("production", error);
    }

    [Fact]
    public async Task Clock_AdvanceShowsInMetadataAndFooterThenReset()
    {
        var advanced = await RunAsync("clock", "advance", "25h", "--json");
        Assert.Equal(0, advanced.Code);
        Assert.Equal(90000, JsonDocument.Parse(advanced.Output).RootElement.GetProperty("offsetSeconds").GetInt64());
        Assert.Equal(CliExitCodes.UsageError, (await RunAsync("clock", "advance", "soon")).Code);

        var http = _server.CreateClient(false);
        var metadata = await http.GetStringAsync("/.well-known/oauth-authorization-server"); // no wait: see SandboxClockSyncTests
        Assert.Contains("\"spacegate_sandbox_clock_offset\": \"1d 1h\"", metadata);
        Assert.Contains("Sandbox clock: ahead by 1d 1h", await http.GetStringAsync("/"));

        Assert.Equal(0, (await RunAsync("clock", "reset")).Code);
        Assert.Contains("real time", (await RunAsync("clock", "show")).Output);
    }

    [Fact]
    public async Task Seed_RunTwice_ChangesNothing()
    {
        var before = (await RunAsync("users", "list", "--json")).Output;
        Assert.Equal(0, (await RunAsync("seed")).Code);
        Assert.Equal(before, (await RunAsync("users", "list", "--json")).Output);
    }
}
