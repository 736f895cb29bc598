using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spacegate.Server.Data;
using Spacegate.Server.OAuth;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Spacegate.Tests.Operations;

/// <summary>
/// The prune deletes only what can never be used again (expired, revoked, redeemed, ended grants and their
/// rotation records), older than the threshold, in bounded batches; the hosted service runs it on its own.
/// </summary>
public sealed class TokenPrunerTests
{
    private static async Task<TestServer> StartAsync(Dictionary<string, string?>? settings = null, CapturingLoggerProvider? logs = null) =>
        await TestServer.StartAsync(settings, logs is null ? null : b => b.Logging.AddProvider(logs));

    private static async Task SeedAsync(TestServer server, Action<SpacegateDbContext, DateTime> seed)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        seed(db, Now(server));
        await db.SaveChangesAsync();
    }

    private static DateTime Now(TestServer server) => server.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

    private static OAuthToken Token(string id, string status, DateTime created, DateTime expires, OAuthGrant? grant = null) => new()
    {
        Id = id, Status = status, Type = TokenTypeIdentifiers.RefreshToken, CreationDate = created, ExpirationDate = expires, Authorization = grant,
    };

    private static OAuthGrant Grant(string id, string status, DateTime created) => new()
    {
        Id = id, Status = status, Type = AuthorizationTypes.Permanent, CreationDate = created, Subject = "someone",
    };

    private static async Task<List<string>> IdsAsync(TestServer server, string prefix)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        var tokens = await db.Tokens.Where(t => t.Id!.StartsWith(prefix)).Select(t => t.Id!).ToListAsync();
        var grants = await db.Grants.Where(g => g.Id!.StartsWith(prefix)).Select(g => g.Id!).ToListAsync();
        var rotations = await db.RefreshTokenRotations.Where(r => r.TokenId.StartsWith(prefix)).Select(r => "rotation:" + r.TokenId).ToListAsync();
        return [.. tokens.Concat(grants).Concat(rotations).Order()];
    }

    private static async Task<PruneResult> PruneAsync(TestServer server, TimeSpan olderThan)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TokenPruner>().PruneAsync(
            server.Services.GetRequiredService<TimeProvider>().GetUtcNow() - olderThan, CancellationToken.None);
    }

    [Fact]
    public async Task Prune_DeadRows_RemovedAndLiveKept()
    {
        await using var server = await StartAsync();
        await SeedAsync(server, (db, now) =>
        {
            var old = now.AddDays(-20);
            var revokedGrant = Grant("p-grant-revoked", Statuses.Revoked, old);
            var liveGrant = Grant("p-grant-live", Statuses.Valid, old);
            db.AddRange(revokedGrant, liveGrant,
                Token("p-expired", Statuses.Valid, old, now.AddMinutes(-1)),
                Token("p-revoked", Statuses.Revoked, old, now.AddDays(5)),
                Token("p-redeemed-code", Statuses.Redeemed, old, now.AddDays(5)),
                Token("p-of-revoked-grant", Statuses.Valid, old, now.AddDays(5), revokedGrant),
                Token("p-live", Statuses.Valid, old, now.AddDays(5), liveGrant),
                Token("p-recent-revoked", Statuses.Revoked, now.AddDays(-1), now.AddDays(5)));
            db.RefreshTokenRotations.AddRange(
                new RefreshTokenRotation { TokenId = "p-revoked", RotatedAt = now.AddDays(-19) },
                new RefreshTokenRotation { TokenId = "p-live", RotatedAt = now.AddDays(-19) });
        });

        var result = await PruneAsync(server, TimeSpan.FromDays(14));

        Assert.Equal(4, result.Tokens);
        Assert.Equal(1, result.Grants);
        Assert.Equal(1, result.Rotations);
        Assert.Equal(["p-grant-live", "p-live", "p-recent-revoked", "rotation:p-live"], await IdsAsync(server, "p-"));
        // Idempotent: a second node running the same prune finds nothing left.
        Assert.Equal(new PruneResult(0, 0, 0, 0), await PruneAsync(server, TimeSpan.FromDays(14)));
    }

    [Fact]
    public async Task Prune_MoreRowsThanOneBatch_DeletesEverythingInBoundedBatches()
    {
        await using var server = await StartAsync(new() { ["Prune:BatchSize"] = "4" });
        await SeedAsync(server, (db, now) =>
        {
            for (var i = 0; i < 10; i++)
            {
                db.Tokens.Add(Token($"b-dead-{i:00}", Statuses.Revoked, now.AddDays(-20), now.AddDays(5)));
            }
            db.Tokens.Add(Token("b-live-1", Statuses.Valid, now.AddDays(-20), now.AddDays(5)));
            db.Tokens.Add(Token("b-live-2", Statuses.Valid, now.AddDays(-20), now.AddDays(5)));
        });
        // The commands this server's database runs (a diagnostic listener, on either provider).
        using var sql = new SqlCommandRecorder(server);
        await sql.StartAsync();

        var result = await PruneAsync(server, TimeSpan.FromDays(14));

        Assert.Equal(10, result.Tokens);
        Assert.Equal(["b-live-1", "b-live-2"], await IdsAsync(server, "b-"));
        var tokenDeletes = sql.Commands.Count(c => c.Contains("DELETE FROM", StringComparison.Ordinal) &&
            c.Contains("OpenIddictTokens", StringComparison.Ordinal));
        Assert.Equal(3, tokenDeletes); // 4 + 4 + 2: never one statement over the whole table
    }

    [Fact]
    public async Task Prune_SameCreationInstantAcrossBatches_KeysetLosesNothingAndStopsAtThreshold()
    {
        // Tokens minted in one instant (a burst) straddle batch boundaries: the keyset's tie-break on the id must
        // neither skip a dead token nor delete a live one; young dead tokens are past the threshold and stay.
        await using var server = await StartAsync(new() { ["Prune:BatchSize"] = "3" });
        await SeedAsync(server, (db, now) =>
        {
            var instant = now.AddDays(-20);
            for (var i = 0; i < 8; i++)
            {
                db.Tokens.Add(Token($"k-{i:00}-dead", Statuses.Revoked, instant, now.AddDays(5)));
                db.Tokens.Add(Token($"k-{i:00}-live", Statuses.Valid, instant, now.AddDays(5)));
            }
            db.Tokens.Add(Token("k-young-dead", Statuses.Revoked, now.AddDays(-1), now.AddDays(5)));
        });
        using var sql = new SqlCommandRecorder(server);
        await sql.StartAsync();

        var result = await PruneAsync(server, TimeSpan.FromDays(14));

        Assert.Equal(8, result.Tokens);
        Assert.Equal([.. Enumerable.Range(0, 8).Select(i => $"k-{i:00}-live"), "k-young-dead"], await IdsAsync(server, "k-"));
        // The walk reads old tokens in creation order over the (CreationDate, Id) index, bounded by the threshold.
        var walks = sql.Commands.Where(c => Regex.IsMatch(c, "^SELECT [^\n]*\nFROM \"OpenIddictTokens\"") &&
            c.Contains("ORDER BY", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(walks);
        Assert.All(walks, c => Assert.Matches("ORDER BY \\S*\"CreationDate\", \\S*\"Id\"", c));
        Assert.All(walks, c => Assert.Matches("\"CreationDate\" < ", c));
    }

    [Fact]
    public async Task PruneService_IntervalPasses_RunsOnItsOwn()
    {
        // The timer is a real one (the sandbox clock moves the date, not timers): a one-second interval.
        await using var server = await StartAsync(new() { ["Prune:Interval"] = "00:00:01", ["Prune:OlderThan"] = "00:00:00" });
        await SeedAsync(server, (db, now) =>
        {
            db.Tokens.Add(Token("s-expired", Statuses.Valid, now.AddHours(-2), now.AddHours(-1)));
            db.Tokens.Add(Token("s-live", Statuses.Valid, now.AddHours(-2), now.AddDays(1)));
        });
        Assert.Equal(["s-expired", "s-live"], await IdsAsync(server, "s-"));

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await IdsAsync(server, "s-")).Count > 1 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.Equal(["s-live"], await IdsAsync(server, "s-"));
    }

    [Fact]
    public async Task PruneService_Disabled_DeletesNothing()
    {
        await using var server = await StartAsync(new() { ["Prune:Enabled"] = "false", ["Prune:Interval"] = "00:00:01", ["Prune:OlderThan"] = "00:00:00" });
        await SeedAsync(server, (db, now) => db.Tokens.Add(Token("d-expired", Statuses.Valid, now.AddHours(-2), now.AddHours(-1))));
        await Task.Delay(2500);
        Assert.Equal(["d-expired"], await IdsAsync(server, "d-"));
    }

    [Fact]
    public async Task PruneCli_TokensPrune_UsesThePrunerAndReportsCounts()
    {
        await using var server = await StartAsync();
        await SeedAsync(server, (db, now) =>
        {
            db.Tokens.Add(Token("c-expired", Statuses.Valid, now.AddDays(-3), now.AddDays(-2)));
            db.Tokens.Add(Token("c-young", Statuses.Revoked, now.AddHours(-1), now.AddDays(1)));
        });
        var (code, output, error) = await CliRunner.RunAsync(server, "tokens", "prune", "--older-than", "1d", "--json");
        Assert.True(code == 0, error);
        Assert.Equal(1, JsonDocument.Parse(output).RootElement.GetProperty("prunedTokens").GetInt32());
        Assert.Equal(["c-young"], await IdsAsync(server, "c-"));
    }
}
