using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Cli;
using Spacegate.Server.Clock;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;

namespace Spacegate.Tests.Clock;

/// <summary>
/// SPEC §9: `clock advance` / `clock reset` return once every running node uses the new offset, so a
/// script's very next request sees the moved clock. Two nodes share one database; nothing here sleeps
/// or retries (the nodes' background poll runs only once a second).
/// </summary>
public sealed class SandboxClockSyncTests : IAsyncLifetime
{
    private const string PublicBase = "https://sandbox.example.test";
    private TestServer _first = null!;
    private TestServer _second = null!;

    public async Task InitializeAsync()
    {
        // Nodes behind one load balancer share a public base URL (the issuer) as well as the database.
        _first = await TestServer.StartAsync(new() { ["Spacegate:PublicBaseUrl"] = PublicBase });
        _second = await TestServer.StartAsync(new() { ["Spacegate:PublicBaseUrl"] = PublicBase }, database: _first.Database);
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task ClockAdvanceAndReset_NextRequestOnEveryNode_SeesNewOffset()
    {
        for (var round = 1; round <= 3; round++)
        {
            Assert.Equal(0, (await CliAsync("clock", "advance", "1h")).Code);
            foreach (var node in new[] { _first, _second })
            {
                Assert.Equal(round * 3600, await OffsetSecondsAsync(node));
            }
        }

        Assert.Equal(0, (await CliAsync("clock", "reset")).Code);
        Assert.Null(await OffsetSecondsAsync(_first));
        Assert.Null(await OffsetSecondsAsync(_second));
    }

    [Fact]
    public async Task ClockAdvance_PastTokenLifetime_NextRequestOnOtherNodeRejectsToken()
    {
        var token = (await ClientCredentialsAsync(_first.CreateClient(false))).AccessToken!;
        var before = await GraphClient.PostAsync(_second.CreateClient(false), token, "{ models { totalResults } }");
        Assert.False(before.HasErrors, before.ToString());

        Assert.Equal(0, (await CliAsync("clock", "advance", "61m")).Code);
        var after = await GraphClient.PostAsync(_second.CreateClient(false), token, "{ models { totalResults } }");
        Assert.Equal(HttpStatusCode.BadRequest, after.Status);
        Assert.Equal("invalid_grant", after.Body.GetProperty("error").GetString());

        // And back: the next request after `clock reset` accepts a token that is only 1 minute old in real time.
        Assert.Equal(0, (await CliAsync("clock", "reset")).Code);
        var fresh = (await ClientCredentialsAsync(_second.CreateClient(false))).AccessToken!;
        Assert.False((await GraphClient.PostAsync(_first.CreateClient(false), fresh, "{ models { totalResults } }")).HasErrors);
    }

    [Fact]
    public async Task ClockAdvance_OnBothNodesAtOnce_AddsEveryAdvance()
    {
        // Starts with no clock row, so the first advances also race to create it.
        var advances = Enumerable.Range(0, 20).Select(async i =>
        {
            await using var scope = (i % 2 == 0 ? _first : _second).Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SandboxClockService>().AdvanceAsync(TimeSpan.FromHours(1), CancellationToken.None);
        });
        await Task.WhenAll(advances);

        Assert.Equal(20 * 3600, await OffsetSecondsAsync(_first));
        Assert.Equal(20 * 3600, await OffsetSecondsAsync(_second));
        Assert.Equal(0, (await CliAsync("clock", "reset")).Code);
    }

    [Fact]
    public async Task ClockAdvance_Output_SaysServersUseItFromNextRequest()
    {
        var (code, output, _) = await CliAsync("clock", "advance", "2h");
        Assert.Equal(0, code);
        Assert.Contains("next request", output);
        Assert.Equal(7200, await OffsetSecondsAsync(_second));
        Assert.Equal(0, (await CliAsync("clock", "reset")).Code);
    }

    private static async Task<long?> OffsetSecondsAsync(TestServer node)
    {
        var metadata = JsonDocument.Parse(await node.CreateClient(false).GetStringAsync("/.well-known/oauth-authorization-server")).RootElement;
        return metadata.TryGetProperty("spacegate_sandbox_clock_offset_seconds", out var seconds) ? seconds.GetInt64() : null;
    }

    private async Task<(int Code, string Output, string Error)> CliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, builder =>
        {
            _first.Database.Apply(builder.Configuration);
            builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        });
        return (code, output.ToString(), error.ToString());
    }
}
