using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Applications;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;
using Spacegate.Server.OAuth;

namespace Spacegate.Server.Seeding;

/// <summary>Creates the demo users, accounts and apps; find-or-create, so running it twice changes nothing.</summary>
public sealed class DemoSeeder(SpacegateDbContext db, UserManager<SpacegateUser> users, ApplicationService applications, TimeProvider clock,
    DemoModelSeeder demoModels)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var acme = await EnsureAccountAsync(DemoData.AcmeAccountId, "Acme Realty", developerTools: true, enterprise: false, pme: false, cancellationToken);
        var globex = await EnsureAccountAsync(DemoData.GlobexAccountId, "Globex Estates", developerTools: true, enterprise: true, pme: true, cancellationToken);

        var alice = await EnsureUserAsync(DemoData.Alice);
        var bob = await EnsureUserAsync(DemoData.Bob);
        var carol = await EnsureUserAsync(DemoData.Carol);
        await EnsureUserAsync(DemoData.Admin);

        await EnsureMembershipAsync(acme, alice, AccountRole.Admin, cancellationToken);
        await EnsureMembershipAsync(globex, alice, AccountRole.Member, cancellationToken);
        await EnsureMembershipAsync(acme, bob, AccountRole.Member, cancellationToken);
        await EnsureMembershipAsync(globex, carol, AccountRole.Admin, cancellationToken);

        await EnsureAppAsync(acme.Id, DemoData.AcmeAppClientId, DemoData.AcmeAppSecret,
            new ApplicationRegistration("Acme Listings Sync", [DemoData.AcmeAppRedirectUri], [.. OAuthScopes.Names]), production: false, cancellationToken);
        await EnsureAppAsync(globex.Id, DemoData.GlobexAppClientId, DemoData.GlobexAppSecret,
            new ApplicationRegistration("Globex Intranet Portal", [DemoData.GlobexAppRedirectUri], [.. OAuthScopes.Names]), production: true, cancellationToken);
        await demoModels.SeedAsync(cancellationToken);
    }

    private async Task<Account> EnsureAccountAsync(string id, string name, bool developerTools, bool enterprise, bool pme, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.FindAsync([id], cancellationToken);
        if (account is null)
        {
            account = new Account { Id = id, Name = name, DeveloperTools = developerTools, Enterprise = enterprise, PmeEnabled = pme, CreatedAt = clock.GetUtcNow() };
            db.Accounts.Add(account);
            await db.SaveChangesAsync(cancellationToken);
        }
        return account;
    }

    private async Task<SpacegateUser> EnsureUserAsync(DemoData.DemoUser demo)
    {
        var user = await users.FindByEmailAsync(demo.Email);
        if (user is not null)
        {
            return user;
        }
        user = new SpacegateUser { UserName = demo.Email, Email = demo.Email, EmailConfirmed = true, DisplayName = demo.DisplayName, IsPlatformAdmin = demo.PlatformAdmin };
        var result = await users.CreateAsync(user, DemoData.Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create demo user {demo.Email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
        return user;
    }

    private async Task EnsureMembershipAsync(Account account, SpacegateUser user, AccountRole role, CancellationToken cancellationToken)
    {
        if (!await db.Memberships.AnyAsync(m => m.AccountId == account.Id && m.UserId == user.Id, cancellationToken))
        {
            db.Memberships.Add(new AccountMembership { AccountId = account.Id, UserId = user.Id, Role = role });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task EnsureAppAsync(string accountId, string clientId, string secret, ApplicationRegistration registration,
        bool production, CancellationToken cancellationToken)
    {
        if (await db.Applications.AnyAsync(a => a.ClientId == clientId, cancellationToken))
        {
            return;
        }
        var result = await applications.CreateAsync(accountId, registration, cancellationToken, clientId, secret);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create demo app {registration.Name}: {string.Join("; ", result.Errors)}");
        }
        if (production)
        {
            await applications.ApproveAsync(clientId, "Demo app, approved at seeding.", cancellationToken);
        }
    }
}
