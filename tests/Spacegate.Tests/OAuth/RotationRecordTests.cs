using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Data;
using Spacegate.Server.Grants;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;

namespace Spacegate.Tests.OAuth;

/// <summary>
/// A rotated refresh token's successor is kept only for the reuse leeway; afterwards it is erased from the
/// database, while reuse detection keeps working; `tokens prune` deletes the records of pruned tokens.
/// </summary>
public sealed class RotationRecordTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;
    private HttpClient Api => _server.CreateClient(cookies: false);

    private async Task<List<RefreshTokenRotation>> RecordsAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SpacegateDbContext>().RefreshTokenRotations.AsNoTracking().ToListAsync();
    }

    private async Task<(TokenResponse First, TokenResponse Rotated, RefreshTokenRotation Record)> RotateAsync()
    {
        var before = (await RecordsAsync()).Select(r => r.TokenId).ToHashSet();
        var first = await FullCodeFlowAsync(_server);
        _server.Advance(TimeSpan.FromHours(25));
        var rotated = await RefreshAsync(Api, first.RefreshToken!);
        Assert.False(string.IsNullOrEmpty(rotated.RefreshToken));
        var record = Assert.Single(await RecordsAsync(), r => !before.Contains(r.TokenId));
        return (first, rotated, record);
    }

    [Fact]
    public async Task Successor_AfterTheLeeway_IsErasedAndReuseIsStillDetected()
    {
        var (first, rotated, record) = await RotateAsync();
        Assert.NotNull(record.ProtectedSuccessor);
        Assert.DoesNotContain(rotated.RefreshToken!, record.ProtectedSuccessor);

        // Inside the leeway the successor is kept (and handed out again).
        _server.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.NotNull((await RecordsAsync()).Single(r => r.TokenId == record.TokenId).ProtectedSuccessor);

        _server.Advance(TimeSpan.FromSeconds(31));
        var erased = false;
        for (var i = 0; i < 40 && !erased; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            erased = (await RecordsAsync()).Single(r => r.TokenId == record.TokenId).ProtectedSuccessor is null;
        }
        Assert.True(erased, "the successor is still stored after the reuse leeway");

        // The record still detects reuse: the whole grant is revoked.
        Assert.Equal("invalid_grant", (await RefreshAsync(Api, first.RefreshToken!)).Error);
        Assert.Equal("invalid_grant", (await RefreshAsync(Api, rotated.RefreshToken!)).Error);
    }

    [Fact]
    public async Task TokensPrune_DeletesTheRotationRecordsOfPrunedTokens()
    {
        var (first, _, record) = await RotateAsync();
        var (_, live, liveRecord) = await RotateAsync();
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
            var grantId = await db.Tokens.Where(t => t.Id == record.TokenId).Select(t => t.Authorization!.Id).SingleAsync();
            // Both sessions may share the grant; revoke only the first session's family.
            var familyId = await db.Tokens.Where(t => t.Id == record.TokenId).Select(t => t.FamilyId).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<GrantRevocationService>().RevokeFamilyAsync(familyId!, CancellationToken.None);
            Assert.NotNull(grantId);
        }
        _server.Advance(TimeSpan.FromDays(15));

        var (code, output, error) = await CliRunner.RunAsync(_server, "tokens", "prune", "--older-than", "14d", "--json");
        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.True(json.GetProperty("prunedRotations").GetInt32() >= 1);

        var records = await RecordsAsync();
        Assert.DoesNotContain(records, r => r.TokenId == record.TokenId);
        // The live session's record stays (its token may still be presented), without its successor.
        var kept = Assert.Single(records, r => r.TokenId == liveRecord.TokenId);
        Assert.Null(kept.ProtectedSuccessor);
        Assert.Equal("invalid_grant", (await RefreshAsync(Api, first.RefreshToken!)).Error);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(Api, live.RefreshToken!)).Status);
    }
}
