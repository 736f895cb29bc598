using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;
using Spacegate.Tests.Infrastructure;

namespace Spacegate.Tests.Pages;

/// <summary>Arranges data the demo seed does not have, straight in the test server's database.</summary>
public static class TestData
{
    public static async Task CreateAccountAsync(TestServer server, string id, string name, bool developerTools,
        params (string Email, AccountRole Role)[] members)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SpacegateDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SpacegateUser>>();
        db.Accounts.Add(new Account { Id = id, Name = name, DeveloperTools = developerTools });
        foreach (var (email, role) in members)
        {
            var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("No user " + email);
            db.Memberships.Add(new AccountMembership { AccountId = id, UserId = user.Id, Role = role });
        }
        await db.SaveChangesAsync();
    }

    public static async Task<T> QueryAsync<T>(TestServer server, Func<SpacegateDbContext, Task<T>> query)
    {
        using var scope = server.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<SpacegateDbContext>());
    }

    public static Task<ApplicationMode?> ModeOfAsync(TestServer server, string clientId) =>
        QueryAsync(server, db => db.Applications.AsNoTracking().Where(a => a.ClientId == clientId)
            .Select(a => (ApplicationMode?)a.Mode).FirstOrDefaultAsync());
}
