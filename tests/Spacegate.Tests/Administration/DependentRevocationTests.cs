using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Applications;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;
using Spacegate.Server.Seeding;
using Spacegate.Tests.Infrastructure;
using Spacegate.Tests.ModelApi;
using Spacegate.Tests.Pages;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;
using static Spacegate.Tests.Infrastructure.TokenManagementClient;

namespace Spacegate.Tests.Administration;

/// <summary>
/// SPEC §4: when what a token depended on goes away (a membership, the account's PME flag, the app, its
/// production approval), the token stops working on the very next request, whichever surface made the change.
/// Each test works on its own server: the changes are not reversible within a shared fixture.
/// </summary>
public sealed class DependentRevocationTests : IAsyncLifetime
{
    private ModelApiFixture _fixture = null!;
    private TestServer Server => _fixture.Server;
    private HttpClient Api => Server.CreateClient(cookies: false);

    public async Task InitializeAsync()
    {
        _fixture = new ModelApiFixture();
        await _fixture.InitializeAsync();
    }

    public Task DisposeAsync() => _fixture.DisposeAsync();

    private async Task<TokenResponse> CodeFlowAsync(string email, string clientId, string secret, string redirect, string scope,
        string? account = null)
    {
        var browser = Server.CreateClient();
        await SignInAsync(browser, email);
        var code = await GetCodeAsync(browser, AuthorizeUrl(clientId, scope, redirect), account);
        var token = await ExchangeCodeAsync(Api, code, redirectUri: redirect, clientId: clientId, secret: secret);
        Assert.Equal(HttpStatusCode.OK, token.Status);
        return token;
    }

    private async Task<bool> ApiAcceptsAsync(string token) =>
        (await GraphClient.PostAsync(Api, token, $"{{ model(id: \"{TestModels.GlobexPrivate}\") {{ name }} }}")).Status == HttpStatusCode.OK;

    private async Task<(string ClientId, string Secret)> CreateAppAsync(string accountId, string name)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ApplicationService>().CreateAsync(accountId,
            new ApplicationRegistration(name, ["http://localhost:9191/cb"], ["ViewPublic", "ViewDetails"]), CancellationToken.None);
        return (result.ClientId!, result.ClientSecret!);
    }

    [Fact]
    public async Task MemberRemoved_ByCli_TheirGrantsOnTheAccountStopAtOnce_OthersKeepWorking()
    {
        var bob = await CodeFlowAsync(DemoData.Bob.Email, AcmeClientId, AcmeSecret, AcmeRedirect, "ViewDetails");
        var alice = await CodeFlowAsync(DemoData.Alice.Email, AcmeClientId, AcmeSecret, AcmeRedirect, "ViewDetails", DemoData.AcmeAccountId);

        var (code, _, error) = await CliRunner.RunAsync(Server, "members", "remove", "--account", DemoData.AcmeAccountId, "--email", DemoData.Bob.Email);
        Assert.True(code == 0, error);

        Assert.False(await IsActiveAsync(Api, bob.AccessToken!, AcmeClientId, AcmeSecret));
        Assert.Equal("invalid_grant", (await RefreshAsync(Api, bob.RefreshToken!)).Error);
        Assert.True(await IsActiveAsync(Api, alice.AccessToken!, AcmeClientId, AcmeSecret));
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(Api, alice.RefreshToken!)).Status);

        var again = await CliRunner.RunAsync(Server, "members", "remove", "--account", DemoData.AcmeAccountId, "--email", DemoData.Bob.Email);
        Assert.Equal(1, again.Code);
    }

    [Fact]
    public async Task PmeTurnedOff_OnAdminPage_AppAndEmbedTokensStopAtOnce_UserGrantsKeepWorking()
    {
        var appToken = (await ClientCredentialsAsync(Api)).AccessToken!;
        var embed = await MintEmbedTokenAsync(Api, TestModels.GlobexPrivate);
        var carol = await CodeFlowAsync(DemoData.Carol.Email, GlobexClientId, GlobexSecret, DemoData.GlobexAppRedirectUri, "ViewDetails");
        Assert.True(await ApiAcceptsAsync(embed));

        using var admin = await PageSession.SignInAsync(Server, DemoData.Admin.Email);
        var saved = await admin.PostAsync("/admin?handler=Flags", ("accountId", DemoData.GlobexAccountId), ("developerTools", "true"), ("enterprise", "true"));
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);

        Assert.False(await ApiAcceptsAsync(embed));
        Assert.False(await ApiAcceptsAsync(appToken));
        Assert.False(await IsActiveAsync(Api, appToken, GlobexClientId, GlobexSecret));
        Assert.True(await ApiAcceptsAsync(carol.AccessToken!));
        Assert.Equal("unauthorized_client", (await ClientCredentialsAsync(Api)).Error);
    }

    [Fact]
    public async Task PmeTurnedOff_ByCli_EmbedTokensStopAtOnce()
    {
        var embed = await MintEmbedTokenAsync(Api, TestModels.GlobexPrivate);
        var (code, _, error) = await CliRunner.RunAsync(Server, "accounts", "set-flags", DemoData.GlobexAccountId, "--pme", "false");
        Assert.True(code == 0, error);
        Assert.False(await ApiAcceptsAsync(embed));

        // Turning it back on does not bring revoked tokens back.
        Assert.Equal(0, (await CliRunner.RunAsync(Server, "accounts", "set-flags", DemoData.GlobexAccountId, "--pme", "true")).Code);
        Assert.False(await ApiAcceptsAsync(embed));
        Assert.True(await ApiAcceptsAsync(await MintEmbedTokenAsync(Api, TestModels.GlobexPrivate)));
    }

    [Fact]
    public async Task AppDeleted_ByCli_EveryTokenItHeldStopsAtOnce()
    {
        var (clientId, secret) = await CreateAppAsync(DemoData.GlobexAccountId, "Doomed Portal");
        var appToken = (await ClientCredentialsAsync(Api, clientId, secret)).AccessToken!;
        var carol = await CodeFlowAsync(DemoData.Carol.Email, clientId, secret, "http://localhost:9191/cb", "ViewDetails");
        Assert.True(await ApiAcceptsAsync(appToken));
        Assert.True(await ApiAcceptsAsync(carol.AccessToken!));

        var (code, _, error) = await CliRunner.RunAsync(Server, "apps", "delete", clientId);
        Assert.True(code == 0, error);

        Assert.False(await ApiAcceptsAsync(appToken));
        Assert.False(await ApiAcceptsAsync(carol.AccessToken!));
        Assert.Equal("invalid_client", (await RefreshAsync(Api, carol.RefreshToken!, clientId, secret)).Error);
    }

    [Fact]
    public async Task AppRejectedBackToDevelopment_OnAdminPage_OutsidersGrantsStop_OwnMembersKeepWorking()
    {
        var (clientId, secret) = await CreateAppAsync(DemoData.AcmeAccountId, "Briefly Public");
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<ApplicationService>().ApproveAsync(clientId, null, CancellationToken.None)).Succeeded);
        }
        var outsider = await CodeFlowAsync(DemoData.Carol.Email, clientId, secret, "http://localhost:9191/cb", "ViewDetails");
        var otherAccount = await CodeFlowAsync(DemoData.Alice.Email, clientId, secret, "http://localhost:9191/cb", "ViewPublic", DemoData.GlobexAccountId);
        var member = await CodeFlowAsync(DemoData.Bob.Email, clientId, secret, "http://localhost:9191/cb", "ViewDetails");

        // The approval is under review again (the state the approval queue acts on).
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
            await db.Applications.Where(a => a.ClientId == clientId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Mode, ApplicationMode.Pending));
        }
        using var admin = await PageSession.SignInAsync(Server, DemoData.Admin.Email);
        var rejected = await admin.PostAsync("/admin?handler=Reject", ("clientId", clientId), ("reason", "Needs a privacy policy."));
        Assert.Equal(HttpStatusCode.Redirect, rejected.Status);

        Assert.False(await IsActiveAsync(Api, outsider.AccessToken!, clientId, secret));
        Assert.Equal("invalid_grant", (await RefreshAsync(Api, outsider.RefreshToken!, clientId, secret)).Error);
        Assert.False(await IsActiveAsync(Api, otherAccount.AccessToken!, clientId, secret));
        Assert.True(await IsActiveAsync(Api, member.AccessToken!, clientId, secret));
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(Api, member.RefreshToken!, clientId, secret)).Status);
    }
}
