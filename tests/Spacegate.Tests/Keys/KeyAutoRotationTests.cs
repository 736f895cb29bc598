using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Data;
using Spacegate.Server.OAuth.Keys;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;

namespace Spacegate.Tests.Keys;

/// <summary>Keys:RotateEvery: every node runs the rotation, and nodes due at the same moment store one next generation.</summary>
public sealed class KeyAutoRotationTests : IAsyncLifetime
{
    private const string PublicBase = "https://auth.example.test";
    private TestServer _first = null!;
    private TestServer _second = null!;

    public async Task InitializeAsync()
    {
        _first = await TestServer.StartAsync(new() { ["Spacegate:PublicBaseUrl"] = PublicBase, ["Keys:RotateEvery"] = "7.00:00:00" });
        _second = await TestServer.StartAsync(new()
        {
            ["Spacegate:PublicBaseUrl"] = PublicBase, ["Keys:RotateEvery"] = "7.00:00:00",
        }, database: _first.Database);
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task RotateEvery_TwoNodesDueAtOnce_StoreOneNextGenerationBothUse()
    {
        var grant = await FullCodeFlowAsync(_first);
        await RefreshAllAsync();
        Assert.Equal(["encryption", "signing"], KeyRows());

        // Not yet due a minute before the week is over.
        Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        await RefreshAllAsync();
        Assert.Equal(["encryption", "signing"], KeyRows());

        Advance(TimeSpan.FromMinutes(2));
        await RefreshAllAsync();
        await RefreshAllAsync();
        Assert.Equal(["encryption", "encryption#2", "signing", "signing#2"], KeyRows());
        foreach (var node in new[] { _first, _second })
        {
            var set = node.Services.GetRequiredService<TokenKeyRing>().Current;
            var now = node.Clock.GetUtcNow();
            Assert.Equal(1, set.Active(TokenKeyGeneration.Signing, now)!.Number);
            Assert.Equal(2, set.Of(TokenKeyGeneration.Signing).Max(g => g.Number));
        }

        // After the activation delay both nodes sign with generation 2, and the week-old refresh token of generation 1 still works.
        Advance(TimeSpan.FromMinutes(2));
        await RefreshAllAsync();
        foreach (var node in new[] { _first, _second })
        {
            Assert.Equal(["spacegate-signing-2", "spacegate-signing"],
                node.Services.GetRequiredService<TokenKeyRing>().Credentials(TokenKeyGeneration.Signing).Select(g => g.KeyId).ToList());
        }
        var refreshed = await RefreshAsync(_second.CreateClient(false), grant.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.False((await GraphClient.PostAsync(_first.CreateClient(false), refreshed.AccessToken!, "{ models { totalResults } }")).HasErrors);
        Assert.Equal(["encryption", "encryption#2", "signing", "signing#2"], KeyRows());
    }

    private void Advance(TimeSpan by)
    {
        _first.Advance(by);
        _second.Advance(by);
    }

    /// <summary>What each node's background service does every Keys:ReloadInterval, on both nodes at the same time.</summary>
    private async Task RefreshAllAsync() => await Task.WhenAll(
        Task.Run(_first.Services.GetRequiredService<TokenKeyRefresher>().Refresh),
        Task.Run(_second.Services.GetRequiredService<TokenKeyRefresher>().Refresh));

    private List<string> KeyRows()
    {
        using var scope = _first.Services.CreateScope();
        return [.. scope.ServiceProvider.GetRequiredService<SpacegateDbContext>().ServerKeys.AsNoTracking()
            .Select(k => k.Purpose).Where(p => p.StartsWith("signing") || p.StartsWith("encryption")).AsEnumerable()
            .Where(p => p != "signing-ecdsa").Order(StringComparer.Ordinal)];
    }
}
