using System.Net;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;
using static Spacegate.Tests.Infrastructure.TokenManagementClient;

namespace Spacegate.Tests.OAuth;

/// <summary>SPEC §4: a rotated refresh token is valid 30 days from its own issue, not from its predecessor's.</summary>
public sealed class RefreshTokenLifetimeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;
    private HttpClient Api => _server.CreateClient(cookies: false);

    private async Task<TokenResponse> RotatedAsync()
    {
        var first = await FullCodeFlowAsync(_server);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        return first;
    }

    [Fact]
    public async Task RotatedRefreshToken_29DaysLater_StillRefreshesAndExpires30DaysAfterItsOwnIssue()
    {
        var sessionA = await RotatedAsync();
        var sessionB = await RotatedAsync();
        _server.Advance(TimeSpan.FromHours(25));
        var rotatedA = await RefreshAsync(Api, sessionA.RefreshToken!);
        var rotatedB = await RefreshAsync(Api, sessionB.RefreshToken!);
        Assert.False(string.IsNullOrEmpty(rotatedA.RefreshToken));
        Assert.False(string.IsNullOrEmpty(rotatedB.RefreshToken));

        var introspected = await IntrospectAsync(Api, rotatedB.RefreshToken!, AcmeClientId, AcmeSecret);
        Assert.Equal(TimeSpan.FromDays(30).TotalSeconds, introspected.GetProperty("exp").GetInt64() - introspected.GetProperty("iat").GetInt64());

        // 30 days and an hour after consent: the original expiry has passed, the rotated token's has not.
        _server.Advance(TimeSpan.FromDays(29));
        var later = await RefreshAsync(Api, rotatedA.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, later.Status);
        Assert.False(string.IsNullOrEmpty(later.AccessToken));

        // 31 days after its own issue, the (never used) rotated token of session B has expired.
        _server.Advance(TimeSpan.FromDays(2));
        var expired = await RefreshAsync(Api, rotatedB.RefreshToken!);
        Assert.Equal(HttpStatusCode.BadRequest, expired.Status);
        Assert.Equal("invalid_grant", expired.Error);
    }

    [Fact]
    public async Task OriginalRefreshToken_After30Days_InvalidGrant()
    {
        var first = await FullCodeFlowAsync(_server);
        _server.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        Assert.Equal("invalid_grant", (await RefreshAsync(Api, first.RefreshToken!)).Error);
    }
}
