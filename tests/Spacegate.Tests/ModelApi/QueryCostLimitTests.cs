using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Data;
using Spacegate.Server.ModelApi;
using Spacegate.Tests.Infrastructure;
using Xunit;

namespace Spacegate.Tests.ModelApi;

/// <summary>What one Model API request may cost (QueryCostLimits): refused before it runs when over, batched when under.</summary>
public sealed class QueryCostLimitTests(ModelApiFixture fixture) : IClassFixture<ModelApiFixture>
{
    // About 58 per model: public details, the preview, scene and images with signed URLs, and the bundles.
    private const string RichPage = """
        query($n: Int) { models(pageSize: $n) { totalResults results { id name description created modified accessVisibility
          image { url validUntil width height }
          assets { scene { url validUntil } images { url validUntil width height } }
          bundles { id name description availability price { amount currencyCode } } } } }
        """;

    private HttpClient Http => fixture.Http;

    private static void AssertRefusedBeforeRunning(GraphResponse response, string mentions)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.False(response.Body.TryGetProperty("data", out _), response.ToString());
        Assert.Equal("request.invalid", response.FirstCode);
        Assert.Equal(400, response.FirstHttpStatus);
        Assert.Contains(mentions, response.Errors[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task QueryCostLimit_1250AliasesOfAThousandModelPage_RefusedAtOnceWithoutRunning()
    {
        var token = await fixture.AcmeTokenAsync("ViewPublic");
        var query = new StringBuilder("{");
        for (var i = 0; i < 1250; i++)
        {
            query.Append($"a{i}:models(pageSize:1000){{results{{image{{url}}}}}} ");
        }
        query.Append('}');
        Assert.True(query.Length < GraphEndpoint.MaxBodyBytes); // refused for its cost, not its size

        using var sql = new SqlCommandRecorder(fixture.Server);
        await sql.StartAsync();
        var watch = Stopwatch.StartNew();
        var response = await GraphClient.PostGraphQLAsync(Http, token, query.ToString());
        watch.Stop();
        AssertRefusedBeforeRunning(response, "1250 aliases, over the limit");
        // Not run: no model was read (the cost rule refuses the document before execution), and no hang.
        Assert.DoesNotContain(sql.Commands, c => c.Contains("\"Models\"", StringComparison.Ordinal));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task QueryCostLimit_CostGrowsWithPageSize_ThousandRefusedHundredRuns()
    {
        var token = await fixture.AcmeTokenAsync("ViewDetails DownloadAssets");
        var small = await GraphClient.PostAsync(Http, token, RichPage, new { n = 100 });
        Assert.False(small.HasErrors, small.ToString());

        // The same page of 1000 costs ten times as much: over the bound, whether pageSize is a variable or a literal.
        AssertRefusedBeforeRunning(await GraphClient.PostAsync(Http, token, RichPage, new { n = 1000 }), "cost");
        AssertRefusedBeforeRunning(await GraphClient.PostAsync(Http, token, RichPage.Replace("query($n: Int) ", "").Replace("$n", "1000")), "cost");
        // Omitted, pageSize is 10.
        var byDefault = await GraphClient.PostAsync(Http, token, RichPage.Replace("(pageSize: $n)", "").Replace("query($n: Int) ", ""));
        Assert.False(byDefault.HasErrors, byDefault.ToString());
    }

    [Fact]
    public async Task QueryCostLimit_NestedListsMultiply_TwoRichPagesOfFiveHundredRefused()
    {
        var token = await fixture.AcmeTokenAsync("ViewDetails DownloadAssets");
        var one = RichPage[(RichPage.IndexOf("models(", StringComparison.Ordinal))..^1].Trim();
        var two = $"query($n: Int) {{ a: {one} b: {one} }}";
        Assert.False((await GraphClient.PostAsync(Http, token, two, new { n = 100 })).HasErrors);
        AssertRefusedBeforeRunning(await GraphClient.PostAsync(Http, token, two, new { n = 500 }), "cost");
    }

    [Fact]
    public async Task QueryCostLimit_RootFields_CappedIncludingFragments()
    {
        var token = await fixture.AcmeTokenAsync("ViewPublic");
        string Roots(int n) => string.Concat(Enumerable.Range(0, n).Select(i => $"m{i}: model(id: \"TacmePubl01\") {{ id }} "));
        var atLimit = await GraphClient.PostAsync(Http, token, $"{{ {Roots(QueryCostLimits.MaxRootFields)} }}");
        Assert.False(atLimit.HasErrors, atLimit.ToString());
        AssertRefusedBeforeRunning(await GraphClient.PostAsync(Http, token, $"{{ {Roots(QueryCostLimits.MaxRootFields + 1)} }}"), "root fields");
        AssertRefusedBeforeRunning(await GraphClient.PostAsync(Http, token,
            $"{{ x: __typename ...F }} fragment F on Query {{ {Roots(QueryCostLimits.MaxRootFields)} }}"), "root fields");
    }

    [Fact]
    public async Task QueryCostLimit_FieldsInTheDocument_Capped()
    {
        var token = await fixture.AcmeTokenAsync("ViewPublic");
        var fields = string.Join(' ', Enumerable.Repeat("id", QueryCostLimits.MaxFields + 1));
        AssertRefusedBeforeRunning(await GraphClient.PostAsync(Http, token, $"{{ model(id: \"TacmePubl01\") {{ {fields} }} }}"), "fields");
    }

    [Fact]
    public async Task QueryCostLimit_CredentialMutations_AFewPerRequestAtMost()
    {
        var token = await fixture.GlobexTokenAsync();
        var link = $"createPrivateModelEmbedLink(modelId: \"{TestModels.GlobexPrivate}\", clientId: \"{OAuthClient.GlobexClientId}\", clientSecret: \"{OAuthClient.GlobexSecret}\") {{ accessToken }}";
        var many = "mutation { " + string.Concat(Enumerable.Range(0, 11).Select(i => $"l{i}: {link} ")) + "}";
        AssertRefusedBeforeRunning(await GraphClient.PostAsync(Http, token, many), "cost");
        var few = "mutation { " + string.Concat(Enumerable.Range(0, 2).Select(i => $"l{i}: {link} ")) + "}";
        Assert.False((await GraphClient.PostAsync(Http, token, few)).HasErrors);
    }

    [Fact]
    public async Task QueryCostLimit_ImagesAndBundlesOfAPage_OneQueryEach()
    {
        var token = await fixture.AcmeTokenAsync("ViewDetails DownloadAssets");
        using var sql = new SqlCommandRecorder(fixture.Server);
        await sql.StartAsync();
        var response = await GraphClient.PostAsync(Http, token, RichPage, new { n = 100 });
        Assert.False(response.HasErrors, response.ToString());
        var results = response.Data.GetProperty("models").GetProperty("results");
        Assert.True(results.GetArrayLength() >= 4);
        Assert.All(results.EnumerateArray(), r => Assert.NotEmpty(r.GetProperty("bundles").EnumerateArray()));

        var files = sql.Commands.Where(c => c.Contains("\"ModelFiles\"", StringComparison.Ordinal)).ToList();
        var bundles = sql.Commands.Where(c => c.Contains("\"ModelBundles\"", StringComparison.Ordinal)).ToList();
        Assert.True(files.Count == 1, string.Join("\n---\n", sql.Commands));
        Assert.True(bundles.Count == 1, string.Join("\n---\n", sql.Commands));
    }

    [Fact]
    public async Task QueryCostLimit_ExecutionTimeLimit_StopsALongRequest()
    {
        // Once switched on, every model query of this server waits 30 s unless the request is cancelled, so the request
        // can only end early by being stopped, however fast or busy the machine is.
        var slowModelReads = new SlowModelReads(TimeSpan.FromSeconds(30));
        await using var server = await TestServer.StartAsync(new() { ["ModelApi:ExecutionTimeLimit"] = "00:00:00.5" }, builder =>
        {
            builder.Services.ConfigureDbContext<SpacegateDbContext>((_, options) => options.AddInterceptors(slowModelReads));
            builder.Services.ConfigureDbContext<PostgreSqlDbContext>((_, options) => options.AddInterceptors(slowModelReads));
        });
        using var http = server.CreateClient(cookies: false);
        var token = (await OAuthClient.FullCodeFlowAsync(server, scope: "ViewDetails")).AccessToken;
        var searches = string.Concat(Enumerable.Range(0, 3)
            .Select(i => $"s{i}: models(query: \"NOT name:zz{i}\", pageSize: 50) {{ totalResults results {{ id name }} }} "));
        var query = $"{{ {searches} }}";
        await GraphClient.PostAsync(http, token, query); // compiles the path, so the limit is spent in the model queries
        slowModelReads.Enabled = true;

        var watch = Stopwatch.StartNew();
        var response = await GraphClient.PostAsync(http, token, query);
        watch.Stop();
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("request.invalid", response.FirstCode);
        Assert.Contains("limit of 0.5 s", response.Errors[0].GetProperty("message").GetString());
        Assert.True(slowModelReads.Cancelled > 0, "no model query was stopped");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    private sealed class SlowModelReads(TimeSpan wait) : DbCommandInterceptor
    {
        private int _cancelled;

        public volatile bool Enabled;

        public int Cancelled => Volatile.Read(ref _cancelled);

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Enabled && command.CommandText.Contains("\"Models\"", StringComparison.Ordinal))
            {
                try
                {
                    await Task.Delay(wait, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref _cancelled);
                    throw;
                }
            }
            return result;
        }
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("00:05:01")]
    public async Task QueryCostLimit_ExecutionTimeLimitOutOfRange_ServerRefusesToStart(string limit)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var server = await TestServer.StartAsync(new() { ["ModelApi:ExecutionTimeLimit"] = limit });
        });
        Assert.Contains("ModelApi:ExecutionTimeLimit", error.ToString());
    }
}
