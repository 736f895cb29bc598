using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Data;
using Spacegate.Server.OAuth.Keys;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;

namespace Spacegate.Tests.Keys;

/// <summary>
/// Token keys rotate without breaking a token: two nodes share one database; after `keys rotate` and the
/// activation time, both issue tokens under the new key while the tokens of the old key keep working on
/// both until they expire, and the old key is deleted only once its retention has passed.
/// Nothing sleeps: the clocks move and the nodes reload their keys when the test says so.
/// </summary>
public sealed class KeyRotationTests : IAsyncLifetime
{
    private const string PublicBase = "https://auth.example.test";
    private const string Query = "{ models { totalResults } }";
    private const int Key1 = 1;
    private const int Key2 = 2;
    private TestServer _first = null!;
    private TestServer _second = null!;

    public async Task InitializeAsync()
    {
        _first = await TestServer.StartAsync(new() { ["Spacegate:PublicBaseUrl"] = PublicBase });
        _second = await TestServer.StartAsync(new() { ["Spacegate:PublicBaseUrl"] = PublicBase }, database: _first.Database);
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task Rotate_AfterActivation_NewTokensUseNewKeyAndOldTokensStillWorkOnBothNodes()
    {
        var oldGrant = await FullCodeFlowAsync(_first);
        var oldClient = await ClientCredentialsAsync(_second.CreateClient(false));
        var browser = _second.CreateClient();
        await SignInAsync(browser, "bob@demo.spacegate.test");
        var oldCode = await GetCodeAsync(browser, AuthorizeUrl());
        var issuedUnderKey1 = await PayloadKeyIdsAsync();
        Assert.NotEmpty(issuedUnderKey1);
        Assert.All(issuedUnderKey1.Values, kid => Assert.Equal(Key1, kid));

        var (code, output, _) = await CliRunner.RunAsync(_first, "keys", "rotate");
        Assert.Equal(0, code);
        Assert.Contains("Stored signing key #2", output);
        Assert.Contains("Stored encryption key #2", output);

        // Pending: every node knows key 2 already, but still issues under key 1.
        Reload();
        Assert.Equal(TokenKeyState.Pending, StateOf(_second, TokenKeyGeneration.Encryption, 2));
        await ClientCredentialsAsync(_first.CreateClient(false));
        issuedUnderKey1 = await PayloadKeyIdsAsync();
        Assert.All(issuedUnderKey1.Values, kid => Assert.Equal(Key1, kid));

        Advance(TimeSpan.FromMinutes(2));
        Reload();
        var newClient = await ClientCredentialsAsync(_first.CreateClient(false));
        var refreshed = await RefreshAsync(_second.CreateClient(false), oldGrant.RefreshToken!);
        var exchanged = await ExchangeCodeAsync(_first.CreateClient(false), oldCode);
        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.Equal(HttpStatusCode.OK, exchanged.Status);
        Assert.NotNull(newClient.AccessToken);
        var issuedUnderKey2 = (await PayloadKeyIdsAsync()).Where(t => !issuedUnderKey1.ContainsKey(t.Key)).Select(t => t.Value).ToList();
        Assert.Equal(4, issuedUnderKey2.Count); // 3 access tokens, the refresh token of the code exchange
        Assert.All(issuedUnderKey2, kid => Assert.Equal(Key2, kid));

        // Tokens of either key, minted on either node, work on both.
        foreach (var node in new[] { _first, _second })
        {
            foreach (var token in new[] { oldGrant.AccessToken!, oldClient.AccessToken!, newClient.AccessToken!, refreshed.AccessToken!, exchanged.AccessToken! })
            {
                var graph = await GraphClient.PostAsync(node.CreateClient(false), token, Query);
                Assert.False(graph.HasErrors, graph.ToString());
            }
            Assert.True((await IntrospectAsync(node, oldClient.AccessToken!, GlobexClientId, GlobexSecret)).GetProperty("active").GetBoolean());
            Assert.True((await IntrospectAsync(node, exchanged.RefreshToken!)).GetProperty("active").GetBoolean());
        }
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(_second.CreateClient(false), exchanged.RefreshToken!)).Status);
    }

    [Fact]
    public async Task RetiredKey_UntilRetentionEnds_ValidatesItsTokensThenPruneDeletesIt()
    {
        var oldGrant = await FullCodeFlowAsync(_second);
        Assert.Equal(0, (await CliRunner.RunAsync(_first, "keys", "rotate", "--activate-in", "5m")).Code);
        Advance(TimeSpan.FromMinutes(6));
        Reload();

        // Day 29 after the rotation: the refresh token of key 1 still works, on the other node, and nothing is deleted.
        Advance(TimeSpan.FromDays(29));
        Reload();
        var refreshed = await RefreshAsync(_first.CreateClient(false), oldGrant.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        var (code, output, _) = await CliRunner.RunAsync(_first, "keys", "prune");
        Assert.Equal(0, code);
        Assert.Contains("No key is past its retention", output);
        var list = await ListAsync(_first);
        Assert.Equal(["active", "active", "retired", "retired"], list.Select(k => k.State).Order(StringComparer.Ordinal).ToList());

        // Past the retention (31 days after the retirement): prune deletes key 1 of both purposes, and only that.
        Advance(TimeSpan.FromDays(2));
        var pruned = await CliRunner.RunAsync(_first, "keys", "prune", "--json");
        Assert.Equal(0, pruned.Code);
        Assert.Equal(2, JsonDocument.Parse(pruned.Output).RootElement.GetProperty("deleted").GetArrayLength());
        Reload();
        list = await ListAsync(_first);
        Assert.Equal([("encryption", 2, "active"), ("signing", 2, "active")], list.Select(k => (k.Purpose, k.Generation, k.State)).ToList());
        Assert.Equal(0, Stored(_first).Count(k => k.Purpose is "signing" or "encryption"));

        // Tokens of key 2 are unaffected; no node brings back a generation 1.
        var again = await RefreshAsync(_second.CreateClient(false), refreshed.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.False((await GraphClient.PostAsync(_first.CreateClient(false), again.AccessToken!, Query)).HasErrors);
        Assert.Equal(2, _first.Services.GetRequiredService<TokenKeyRing>().Current.Generations.Count);
    }

    [Fact]
    public async Task RetiredKey_DeletedBeforeItsTokensExpire_BreaksOnlyItsTokens()
    {
        var oldGrant = await FullCodeFlowAsync(_first);
        Assert.Equal(0, (await CliRunner.RunAsync(_first, "keys", "rotate", "--purpose", "signing")).Code);
        Advance(TimeSpan.FromMinutes(2));
        Reload();
        var newGrant = await FullCodeFlowAsync(_second);

        // What an early prune would do: only signing key 1 goes (the encryption key was not rotated).
        _first.Services.GetRequiredService<SharedKeys>().Remove(["signing"]);
        Reload();

        foreach (var node in new[] { _first, _second })
        {
            var old = await GraphClient.PostAsync(node.CreateClient(false), oldGrant.AccessToken!, Query);
            Assert.True(old.HasErrors, old.ToString());
            Assert.False((await IntrospectAsync(node, oldGrant.RefreshToken!)).GetProperty("active").GetBoolean());
            Assert.False((await GraphClient.PostAsync(node.CreateClient(false), newGrant.AccessToken!, Query)).HasErrors);
        }
        Assert.Equal("invalid_grant", (await RefreshAsync(_second.CreateClient(false), oldGrant.RefreshToken!)).Error);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(_first.CreateClient(false), newGrant.RefreshToken!)).Status);
    }

    [Fact]
    public async Task ManyRetiredKeys_NewTokens_StillUseTheActiveKey()
    {
        // More generations than OpenIddict's credential sort keeps in order (it is stable only up to 16 items).
        var ring = _first.Services.GetRequiredService<TokenKeyRing>();
        for (var i = 0; i < 20; i++)
        {
            ring.Rotate(TokenKeyGeneration.Encryption, TimeSpan.FromMinutes(1));
            ring.Rotate(TokenKeyGeneration.Signing, TimeSpan.FromMinutes(1));
            Advance(TimeSpan.FromMinutes(2));
        }
        Reload();
        var before = await PayloadKeyIdsAsync();
        var token = await ClientCredentialsAsync(_second.CreateClient(false));
        var issued = (await PayloadKeyIdsAsync()).Where(t => !before.ContainsKey(t.Key)).Select(t => t.Value).ToList();
        Assert.Equal([21], issued);
        Assert.False((await GraphClient.PostAsync(_first.CreateClient(false), token.AccessToken!, Query)).HasErrors);

        // And it is signed with signing key 21: without the others it still validates.
        _first.Services.GetRequiredService<SharedKeys>().Remove(
            [.. ring.Current.Of(TokenKeyGeneration.Signing).Where(g => g.Number < 21).Select(g => g.Name)]);
        Reload();
        Assert.False((await GraphClient.PostAsync(_second.CreateClient(false), token.AccessToken!, Query)).HasErrors);
    }

    private void Advance(TimeSpan by)
    {
        _first.Advance(by);
        _second.Advance(by);
    }

    private void Reload()
    {
        _first.Services.GetRequiredService<TokenKeyRing>().Reload();
        _second.Services.GetRequiredService<TokenKeyRing>().Reload();
    }

    private static TokenKeyState StateOf(TestServer node, string purpose, int number)
    {
        var set = node.Services.GetRequiredService<TokenKeyRing>().Current;
        return set.StateOf(set.Of(purpose).Single(g => g.Number == number), node.Clock.GetUtcNow(), TimeSpan.FromDays(31));
    }

    private static List<ServerKey> Stored(TestServer node)
    {
        using var scope = node.Services.CreateScope();
        return [.. scope.ServiceProvider.GetRequiredService<SpacegateDbContext>().ServerKeys.AsNoTracking()];
    }

    /// <summary>
    /// The key generation named by the <c>kid</c> in the header of every stored token payload, by token id. Access tokens
    /// are signed (a JWS under the signing key), codes and refresh tokens encrypted (a JWE under the encryption key);
    /// both kinds rotate together, so one generation number speaks for both.
    /// </summary>
    private async Task<Dictionary<string, int>> PayloadKeyIdsAsync()
    {
        using var scope = _first.Services.CreateScope();
        var tokens = await scope.ServiceProvider.GetRequiredService<SpacegateDbContext>().Set<OAuthToken>().AsNoTracking()
            .Where(t => t.Payload != null).Select(t => new { t.Id, t.Payload, t.Type }).ToListAsync();
        return tokens.ToDictionary(t => t.Id!, t =>
        {
            var header = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(t.Payload!.Split('.')[0]);
            var kid = JsonDocument.Parse(header).RootElement.GetProperty("kid").GetString()!;
            var key = t.Type == OpenIddict.Abstractions.OpenIddictConstants.TokenTypeIdentifiers.AccessToken
                ? "spacegate-signing" : "spacegate-encryption";
            Assert.StartsWith(key, kid);
            return kid == key ? 1 : int.Parse(kid[(key.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    private static async Task<JsonElement> IntrospectAsync(TestServer node, string token, string clientId = AcmeClientId, string secret = AcmeSecret)
    {
        var response = await node.CreateClient(false).PostAsync("/api/oauth/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token, ["client_id"] = clientId, ["client_secret"] = secret,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private sealed record Listed(string Purpose, int Generation, string State);

    private static async Task<List<Listed>> ListAsync(TestServer node)
    {
        var (code, output, _) = await CliRunner.RunAsync(node, "keys", "list", "--json");
        Assert.Equal(0, code);
        return [.. JsonDocument.Parse(output).RootElement.GetProperty("keys").EnumerateArray()
            .Select(k => new Listed(k.GetProperty("purpose").GetString()!, k.GetProperty("generation").GetInt32(), k.GetProperty("state").GetString()!))];
    }
}
