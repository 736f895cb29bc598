using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Audit;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;
using Spacegate.Tests.Infrastructure;
using Spacegate.Tests.Pages;
using Xunit;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static Spacegate.Tests.Infrastructure.OAuthClient;

namespace Spacegate.Tests.Audit;

/// <summary>Each audited action leaves one record naming who did it, on which account, app and object, and no secret.</summary>
public sealed partial class AuditTrailTests(AuditTrailTests.Fixture fixture) : IClassFixture<AuditTrailTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public TestServer Server { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Server = await TestServer.StartAsync();
            await TestModels.AddAsync(Server);
        }

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    private const string Admin = "admin@demo.spacegate.test";
    private const string Alice = "alice@demo.spacegate.test";
    private const string Bob = "bob@demo.spacegate.test";
    private TestServer Server => fixture.Server;

    private async Task<List<AuditEvent>> EventsAsync(string action, string? targetId = null, string? clientId = null) =>
        await TestData.QueryAsync(Server, db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == action && (targetId == null || e.TargetId == targetId) && (clientId == null || e.ClientId == clientId))
            .ToListAsync());

    private async Task<string> UserIdAsync(string email)
    {
        using var scope = Server.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<SpacegateUser>>().FindByEmailAsync(email))!.Id;
    }

    /// <summary>Each test consents to its own set of scopes, so it finds its own grant whatever ran before.</summary>
    private Task<string> LiveGrantOfAsync(string userId, params string[] scopes)
    {
        var json = JsonSerializer.Serialize(scopes);
        return TestData.QueryAsync(Server, db => db.Grants.Where(g => g.Subject == userId && g.Status == Statuses.Valid && g.Scopes == json)
            .Select(g => g.Id!).SingleAsync());
    }

    [Fact]
    public async Task Consent_GrantGiven_RecordedWithTheUserAccountAppAndScopes()
    {
        var bobId = await UserIdAsync(Bob);
        Assert.Equal(HttpStatusCode.OK, (await FullCodeFlowAsync(Server, Bob, "ViewDetails")).Status);
        var grantId = await LiveGrantOfAsync(bobId, "ViewDetails");

        var given = Assert.Single(await EventsAsync(AuditActions.GrantGiven, grantId), e => !e.Details!.Contains("reused"));
        Assert.Equal(bobId, given.Actor);
        Assert.Equal(Bob, given.ActorEmail);
        Assert.Equal("acme", given.AccountId);
        Assert.Equal(AcmeClientId, given.ClientId);
        Assert.Contains("ViewDetails", given.Details);
    }

    [Fact]
    public async Task GrantRevoked_ByUserOnConnectedAppsPage_RecordsTheUser()
    {
        var bobId = await UserIdAsync(Bob);
        await FullCodeFlowAsync(Server, Bob, "ViewDetails EditDetails");
        var grantId = await LiveGrantOfAsync(bobId, "ViewDetails", "EditDetails");
        using var bob = await PageSession.SignInAsync(Server, Bob);
        Assert.Equal(HttpStatusCode.Redirect, (await bob.PostAsync("/connected-apps?handler=Revoke", ("grantId", grantId))).Status);

        var revoked = Assert.Single(await EventsAsync(AuditActions.GrantRevoked, grantId));
        Assert.Equal(bobId, revoked.Actor);
        Assert.Equal(Bob, revoked.ActorEmail);
        Assert.Equal(AcmeClientId, revoked.ClientId);
        // Revoking again changes nothing and records nothing.
        await CliRunner.RunAsync(Server, "grants", "revoke", grantId);
        Assert.Single(await EventsAsync(AuditActions.GrantRevoked, grantId));
    }

    [Fact]
    public async Task GrantRevoked_ByCli_RecordsCliAsActor()
    {
        await FullCodeFlowAsync(Server, Bob, "EditDetails");
        var grantId = await LiveGrantOfAsync(await UserIdAsync(Bob), "EditDetails");
        var (code, _, error) = await CliRunner.RunAsync(Server, "grants", "revoke", grantId);
        Assert.True(code == 0, error);
        var revoked = Assert.Single(await EventsAsync(AuditActions.GrantRevoked, grantId));
        Assert.Equal(AuditActions.CliActor, revoked.Actor);
        Assert.Null(revoked.ActorEmail);
    }

    [Fact]
    public async Task RefreshTokenReuse_AfterLeeway_RecordsDetectionAndTheGrantRevocation()
    {
        var first = await FullCodeFlowAsync(Server, Bob, "ViewPublic");
        var grantId = await LiveGrantOfAsync(await UserIdAsync(Bob), "ViewPublic");
        using var api = Server.CreateClient(cookies: false);
        Server.Advance(TimeSpan.FromHours(25));
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(api, first.RefreshToken!)).Status);
        Server.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("invalid_grant", (await RefreshAsync(api, first.RefreshToken!)).Error);

        var reuse = Assert.Single(await EventsAsync(AuditActions.RefreshTokenReuse, grantId));
        Assert.Equal(AuditActions.SystemActor, reuse.Actor);
        Assert.Equal(AcmeClientId, reuse.ClientId);
        Assert.Equal("acme", reuse.AccountId);
        Assert.DoesNotContain(first.RefreshToken!, reuse.Details);
        var revoked = Assert.Single(await EventsAsync(AuditActions.GrantRevoked, grantId));
        Assert.Contains("refresh_token_reuse", revoked.Details);
    }

    [Fact]
    public async Task AppLifecycle_CreateRequestApproveRejectResetDelete_EachRecordedWithItsActor()
    {
        var aliceId = await UserIdAsync(Alice);
        var adminId = await UserIdAsync(Admin);
        using var alice = await PageSession.SignInAsync(Server, Alice);
        var created = await DeveloperPagesTests.CreateAsync(alice, "acme", "Audited App");
        var clientId = PageSession.ValueOf(created.Html, "client-id")!;
        var secret = PageSession.ValueOf(created.Html, "client-secret");
        var app = Assert.Single(await EventsAsync(AuditActions.AppCreated, clientId));
        Assert.Equal((aliceId, Alice, "acme", clientId), (app.Actor, app.ActorEmail, app.AccountId, app.ClientId));

        Assert.Equal(HttpStatusCode.Redirect, (await alice.PostAsync("/developer?handler=RequestProduction", ("clientId", clientId))).Status);
        Assert.Equal(aliceId, Assert.Single(await EventsAsync(AuditActions.AppProductionRequested, clientId)).Actor);

        using var admin = await PageSession.SignInAsync(Server, Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/admin?handler=Reject", ("clientId", clientId), ("reason", "Needs a privacy policy"))).Status);
        var rejected = Assert.Single(await EventsAsync(AuditActions.AppProductionRejected, clientId));
        Assert.Equal((adminId, Admin), (rejected.Actor, rejected.ActorEmail));
        Assert.Contains("Needs a privacy policy", rejected.Details);

        await alice.PostAsync("/developer?handler=RequestProduction", ("clientId", clientId));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/admin?handler=Approve", ("clientId", clientId))).Status);
        Assert.Equal(adminId, Assert.Single(await EventsAsync(AuditActions.AppProductionApproved, clientId)).Actor);

        var reset = await alice.PostAsync($"/developer/apps/{clientId}/reset-secret", []);
        Assert.True(reset.Status is HttpStatusCode.OK or HttpStatusCode.Redirect, reset.Status.ToString());
        Assert.Equal(aliceId, Assert.Single(await EventsAsync(AuditActions.AppSecretReset, clientId)).Actor);

        var (code, _, error) = await CliRunner.RunAsync(Server, "apps", "delete", clientId);
        Assert.True(code == 0, error);
        var deleted = Assert.Single(await EventsAsync(AuditActions.AppDeleted, clientId));
        Assert.Equal(AuditActions.CliActor, deleted.Actor);
        Assert.Equal("acme", deleted.AccountId);

        // No record of this app carries its secret.
        var all = await TestData.QueryAsync(Server, db => db.AuditEvents.AsNoTracking().Where(e => e.ClientId == clientId).ToListAsync());
        Assert.Equal(7, all.Count); // created, requested, rejected, requested again, approved, secret reset, deleted
        Assert.NotNull(secret);
        Assert.DoesNotContain(all, e => (e.Details ?? "").Contains(secret!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AccountFlags_ChangedOnAdminPage_RecordsBeforeAndAfter_UnchangedRecordsNothing()
    {
        await TestData.CreateAccountAsync(Server, "flagsco", "Flags Co", developerTools: false);
        using var admin = await PageSession.SignInAsync(Server, Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/admin?handler=Flags", ("accountId", "flagsco"), ("enterprise", "true"))).Status);
        var changed = Assert.Single(await EventsAsync(AuditActions.AccountFlagsChanged, "flagsco"));
        Assert.Equal(Admin, changed.ActorEmail);
        Assert.Equal("flagsco", changed.AccountId);
        using var details = JsonDocument.Parse(changed.Details!);
        Assert.False(details.RootElement.GetProperty("before").GetProperty("enterprise").GetBoolean());
        Assert.True(details.RootElement.GetProperty("after").GetProperty("enterprise").GetBoolean());

        await admin.PostAsync("/admin?handler=Flags", ("accountId", "flagsco"), ("enterprise", "true"));
        Assert.Single(await EventsAsync(AuditActions.AccountFlagsChanged, "flagsco"));
    }

    [Fact]
    public async Task BundlePurchase_ThroughModelApi_RecordsTheTokensUser()
    {
        var token = (await FullCodeFlowAsync(Server, Bob, "ViewDetails PurchaseAssets")).AccessToken!;
        using var api = Server.CreateClient(cookies: false);
        var bought = await GraphClient.PostAsync(api, token, "mutation($id: ID!, $b: ID!) { unlockModelBundle(id: $id, bundleId: $b) { availability } }",
            new { id = TestModels.AcmePublic, b = "mp:matterpak" });
        Assert.False(bought.HasErrors, bought.ToString());

        var purchase = Assert.Single(await EventsAsync(AuditActions.BundlePurchased, TestModels.AcmePublic));
        Assert.Equal(await UserIdAsync(Bob), purchase.Actor);
        Assert.Equal(AcmeClientId, purchase.ClientId);
        Assert.Contains("mp:matterpak", purchase.Details);
        Assert.DoesNotContain(token, purchase.Details);
    }

    [Fact]
    public async Task EmbedToken_MintedAndDeleted_RecordedWithoutTheToken()
    {
        using var api = Server.CreateClient(cookies: false);
        var server = (await ClientCredentialsAsync(api)).AccessToken!;
        var minted = await GraphClient.PostAsync(api, server,
            "mutation($m: [ID!]!, $c: String!, $s: String!) { createPrivateModelEmbedToken(modelIds: $m, clientId: $c, clientSecret: $s) { accessToken } }",
            new { m = new[] { TestModels.GlobexPrivate }, c = GlobexClientId, s = GlobexSecret });
        Assert.False(minted.HasErrors, minted.ToString());
        var embed = minted.Data.GetProperty("createPrivateModelEmbedToken").GetProperty("accessToken").GetString()!;
        var deleted = await GraphClient.PostAsync(api, server,
            "mutation($c: String!, $s: String!, $t: String!) { deletePrivateModelEmbedToken(clientId: $c, clientSecret: $s, accessToken: $t) }",
            new { c = GlobexClientId, s = GlobexSecret, t = embed });
        Assert.False(deleted.HasErrors, deleted.ToString());

        var mint = Assert.Single(await EventsAsync(AuditActions.EmbedTokenMinted, clientId: GlobexClientId));
        Assert.Equal(AuditActions.AppActorPrefix + GlobexClientId, mint.Actor);
        Assert.Equal("globex", mint.AccountId);
        Assert.Contains(TestModels.GlobexPrivate, mint.Details);
        var removal = Assert.Single(await EventsAsync(AuditActions.EmbedTokenDeleted, clientId: GlobexClientId));
        Assert.NotNull(mint.TargetId);
        Assert.Equal(mint.TargetId, removal.TargetId); // the token entry id, never the token itself
        foreach (var e in new[] { mint, removal })
        {
            Assert.DoesNotContain(embed, (e.Details ?? "") + e.TargetId);
            Assert.DoesNotContain(GlobexSecret, e.Details ?? "");
        }
    }
}
