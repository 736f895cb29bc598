using System.Net;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;
using static Spacegate.Tests.Infrastructure.TokenManagementClient;

namespace Spacegate.Tests.OAuth;

/// <summary>RFC 7662 §2.2: the token's own client sees scope, client_id, exp, iat, sub and token_type.</summary>
public sealed class IntrospectionScopeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;
    private HttpClient Api => _server.CreateClient(cookies: false);

    [Fact]
    public async Task Introspect_OwnActiveAccessToken_ReturnsScopeAndStandardFields()
    {
        var token = await FullCodeFlowAsync(_server, scope: "ViewDetails EditDetails");
        var json = await IntrospectAsync(Api, token.AccessToken!, AcmeClientId, AcmeSecret);
        Assert.True(json.GetProperty("active").GetBoolean());
        Assert.Equal(["EditDetails", "ViewDetails"], json.GetProperty("scope").GetString()!.Split(' ').Order());
        Assert.Equal(AcmeClientId, json.GetProperty("client_id").GetString());
        Assert.Equal("Bearer", json.GetProperty("token_type").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("sub").GetString()));
        var iat = json.GetProperty("iat").GetInt64();
        Assert.InRange(json.GetProperty("exp").GetInt64() - iat, 3590, 3600);
    }

    [Fact]
    public async Task Introspect_NarrowedScope_ReportsOnlyTheGrantedScope()
    {
        var token = await FullCodeFlowAsync(_server, scope: "ViewPublic");
        var json = await IntrospectAsync(Api, token.AccessToken!, AcmeClientId, AcmeSecret);
        Assert.Equal("ViewPublic", json.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Introspect_AnotherAppsToken_RevealsNoScope()
    {
        var token = await FullCodeFlowAsync(_server);
        var json = await IntrospectAsync(Api, token.AccessToken!, GlobexClientId, GlobexSecret);
        Assert.False(json.GetProperty("active").GetBoolean());
        Assert.False(json.TryGetProperty("scope", out _));
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(Api, token.RefreshToken!)).Status);
    }
}
