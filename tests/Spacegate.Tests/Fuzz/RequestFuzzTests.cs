using System.Net;
using Spacegate.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Spacegate.Tests.Fuzz;

/// <summary>
/// Ten thousand malformed requests against every endpoint and page. The suite uses a fixed seed so that a
/// run is reproducible; SPACEGATE_FUZZ_SEED=&lt;n&gt; picks another and SPACEGATE_FUZZ_SEED=random a fresh one
/// (printed, to replay a failure); SPACEGATE_FUZZ_REQUESTS changes the count. bench/fuzz.sh explores further.
/// </summary>
public sealed class RequestFuzzTests(ServerFixture fixture, ITestOutputHelper output) : IClassFixture<ServerFixture>
{
    private const int DefaultSeed = 20261129;

    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Fuzz_TenThousandMalformedRequests_NoServerErrorNoStackTraceNoHangAndHealthyAfterwards()
    {
        var seedSetting = Environment.GetEnvironmentVariable("SPACEGATE_FUZZ_SEED");
        var seed = int.TryParse(seedSetting, out var fixedSeed) ? fixedSeed
            : seedSetting == "random" ? Random.Shared.Next() : DefaultSeed;
        var count = int.TryParse(Environment.GetEnvironmentVariable("SPACEGATE_FUZZ_REQUESTS"), out var n) ? n : 10_000;
        output.WriteLine($"Fuzz seed: {seed} (set SPACEGATE_FUZZ_SEED={seed} to replay)");

        var report = await FuzzRunner.RunAsync(Server.BaseAddress, seed, count, await FuzzSession.CredentialsAsync(Server));

        output.WriteLine(report.Summary());
        Assert.True(report.Failures.IsEmpty,
            $"{report.Summary()}\n{report.Failures.Count} failures, first ones:\n{string.Join("\n", report.Failures.OrderBy(f => f.Contains("-> 5") ? 0 : 1).Take(20))}");
        Assert.Equal(count, report.Sent);
        Assert.True(report.ByStatus.Keys.Count(s => s is >= 400 and < 500) >= 3, report.Summary()); // the fuzz reached rejections
        Assert.True(report.ByStatus.ContainsKey(200), report.Summary()); // and real handlers

        using var client = Server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var token = await OAuthClient.ClientCredentialsAsync(client);
        Assert.Equal(HttpStatusCode.OK, token.Status);
        Assert.NotNull(token.AccessToken);
    }
}
