using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Spacegate.Server.Data;
using Spacegate.Server.Grants;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;
using static Spacegate.Tests.Infrastructure.TokenManagementClient;

namespace Spacegate.Tests.OAuth;

/// <summary>
/// SPEC §4 token families: a replayed code, or a revoked refresh token, ends the tokens of that one code
/// exchange; the user's other sessions of the same grant keep working; a revoked grant ends them all.
/// </summary>
public sealed class TokenFamilyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;
    private HttpClient Api => _server.CreateClient(cookies: false);

    private sealed record Session(string Code, TokenResponse Tokens);

    /// <summary>
    /// Two sign-ins of bob to the Acme app with the same scopes: two families of one grant. Each test asks for
    /// its own scope pair, none a subset of another's, so each gets its own grant.
    /// </summary>
    private async Task<(Session A, Session B, string GrantId)> TwoSessionsAsync(string scope)
    {
        var browser = _server.CreateClient();
        await SignInAsync(browser, "bob@demo.spacegate.test");
        var codeA = await GetCodeAsync(browser, AuthorizeUrl(scope: scope));
        var a = new Session(codeA, await ExchangeCodeAsync(Api, codeA));
        var codeB = await GetCodeAsync(browser, AuthorizeUrl(scope: scope));
        var b = new Session(codeB, await ExchangeCodeAsync(Api, codeB));
        Assert.Equal(HttpStatusCode.OK, a.Tokens.Status);
        Assert.Equal(HttpStatusCode.OK, b.Tokens.Status);

        // The point of these tests: both sessions hang off one grant, as two families.
        await using var services = _server.Services.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        var expected = scope.Split(' ').Order().ToList();
        var grants = await db.Grants.AsNoTracking().Where(g => g.Status == "valid").Select(g => new { g.Id, g.Scopes }).ToListAsync();
        var grantId = Assert.Single(grants, g => System.Text.Json.JsonSerializer.Deserialize<List<string>>(g.Scopes!)!.Order().SequenceEqual(expected)).Id!;
        var families = await db.Tokens.AsNoTracking().Where(t => t.Authorization!.Id == grantId && t.Type == OpenIddictConstants.TokenTypeIdentifiers.RefreshToken)
            .Select(t => t.FamilyId).ToListAsync();
        Assert.Equal(2, families.Distinct().Count(f => f is not null));
        return (a, b, grantId);
    }

    private Task<bool> ActiveAsync(string accessToken) => IsActiveAsync(Api, accessToken, AcmeClientId, AcmeSecret);

    [Fact]
    public async Task CodeReplay_RevokesThatCodesFamily_OtherSessionOfTheGrantKeepsWorking()
    {
        var (a, b, _) = await TwoSessionsAsync("ViewDetails DownloadAssets");
        var refreshedA = await RefreshAsync(Api, a.Tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, refreshedA.Status);

        var replay = await ExchangeCodeAsync(Api, a.Code);
        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Equal("invalid_grant", replay.Error);

        Assert.False(await ActiveAsync(a.Tokens.AccessToken!));
        Assert.False(await ActiveAsync(refreshedA.AccessToken!));
        Assert.Equal("invalid_grant", (await RefreshAsync(Api, a.Tokens.RefreshToken!)).Error);

        Assert.True(await ActiveAsync(b.Tokens.AccessToken!));
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(Api, b.Tokens.RefreshToken!)).Status);
    }

    [Fact]
    public async Task RevokeRefreshToken_RevokesTheAccessTokensIssuedFromIt_OtherSessionKeepsWorking()
    {
        var (a, b, _) = await TwoSessionsAsync("ViewDetails PurchaseAssets");
        var refreshedA = await RefreshAsync(Api, a.Tokens.RefreshToken!);

        var response = await RevokeAsync(Api, a.Tokens.RefreshToken!, AcmeClientId, AcmeSecret, "refresh_token");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal("invalid_grant", (await RefreshAsync(Api, a.Tokens.RefreshToken!)).Error);
        Assert.False(await ActiveAsync(a.Tokens.AccessToken!));
        Assert.False(await ActiveAsync(refreshedA.AccessToken!));
        Assert.True(await ActiveAsync(b.Tokens.AccessToken!));
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(Api, b.Tokens.RefreshToken!)).Status);
    }

    [Fact]
    public async Task RevokeRotatedRefreshToken_RevokesTheWholeFamilyIncludingItsPredecessor()
    {
        var (a, b, _) = await TwoSessionsAsync("ViewPublic EditDetails");
        _server.Advance(TimeSpan.FromHours(25));
        var rotated = await RefreshAsync(Api, a.Tokens.RefreshToken!);
        Assert.False(string.IsNullOrEmpty(rotated.RefreshToken));

        await RevokeAsync(Api, rotated.RefreshToken!, AcmeClientId, AcmeSecret);
        Assert.False(await ActiveAsync(rotated.AccessToken!));
        Assert.Equal("invalid_grant", (await RefreshAsync(Api, rotated.RefreshToken!)).Error);
        // Inside the leeway the predecessor would hand out the revoked successor: it is revoked too.
        Assert.Equal("invalid_grant", (await RefreshAsync(Api, a.Tokens.RefreshToken!)).Error);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(Api, b.Tokens.RefreshToken!)).Status);
    }

    [Fact]
    public async Task RevokeGrant_EndsEveryFamilyAtOnce()
    {
        var (a, b, grantId) = await TwoSessionsAsync("ViewPublic DownloadAssets");
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<GrantRevocationService>().RevokeAsync(grantId, CancellationToken.None));
        }
        foreach (var session in new[] { a, b })
        {
            Assert.False(await ActiveAsync(session.Tokens.AccessToken!));
            Assert.Equal("invalid_grant", (await RefreshAsync(Api, session.Tokens.RefreshToken!)).Error);
        }
    }
}
