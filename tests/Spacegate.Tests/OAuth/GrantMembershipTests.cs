using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Data;
using Spacegate.Tests.Infrastructure;
using Xunit;
using static Spacegate.Tests.Infrastructure.OAuthClient;

namespace Spacegate.Tests.OAuth;

/// <summary>
/// TokenEndpoint's membership check: a refresh token stops working the moment its user leaves the account the
/// grant was given for, and works again once the user is a member again.
/// </summary>
public sealed class GrantMembershipTests
{
    [Fact]
    public async Task TokenEndpoint_RefreshAfterTheUserLeftTheAccount_InvalidGrant()
    {
        await using var server = await TestServer.StartAsync();
        var api = server.CreateClient(cookies: false);
        var tokens = await FullCodeFlowAsync(server);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(api, tokens.RefreshToken!)).Status);

        var removed = await RemoveMembershipAsync(server, "bob@demo.spacegate.test");
        var refused = await RefreshAsync(api, tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("invalid_grant", refused.Error);

        // Back in the same account: the grant is valid again (nothing was revoked, only refused).
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
            db.Memberships.Add(removed);
            await db.SaveChangesAsync();
        }
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(api, tokens.RefreshToken!)).Status);
    }

    private static async Task<Spacegate.Server.Domain.AccountMembership> RemoveMembershipAsync(TestServer server, string email)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        var memberships = await db.Memberships.Where(m => m.UserId == user.Id).ToListAsync();
        Assert.Single(memberships); // the grant's account is bob's only one
        db.Memberships.Remove(memberships[0]);
        await db.SaveChangesAsync();
        return new() { AccountId = memberships[0].AccountId, UserId = user.Id, Role = memberships[0].Role };
    }
}
