using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;

namespace Spacegate.Server.Cli;

public static class AccountCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("accounts create", "Create an account.", "accounts create --name NAME [--id ID] [--json]", CreateAsync),
        new("accounts list", "List accounts and their flags.", "accounts list [--json]", ListAsync),
        new("accounts set-flags", "Set an account's flags (platform admin).",
            "accounts set-flags ACCOUNT_ID [--developer-tools true|false] [--enterprise true|false] [--pme true|false] [--json]", SetFlagsAsync),
        new("members add", "Add a user to an account as member or admin (or change the role).",
            "members add --account ACCOUNT_ID --email EMAIL [--role member|admin] [--json]", AddMemberAsync),
    ];

    private static async Task<int> CreateAsync(CliContext context, CliArgs args)
    {
        var db = context.Get<SpacegateDbContext>();
        var account = new Account { Name = args.Require("name"), CreatedAt = context.Get<TimeProvider>().GetUtcNow() };
        if (args.Get("id") is { } id)
        {
            account.Id = id;
        }
        if (await db.Accounts.AnyAsync(a => a.Id == account.Id, context.CancellationToken))
        {
            throw new CliException($"An account with id '{account.Id}' already exists.");
        }
        db.Accounts.Add(account);
        await db.SaveChangesAsync(context.CancellationToken);
        context.Print(new { account.Id, account.Name }, $"Created account {account.Name} ({account.Id}).");
        return 0;
    }

    private static async Task<int> ListAsync(CliContext context, CliArgs args)
    {
        var accounts = await context.Get<SpacegateDbContext>().Accounts.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new { a.Id, a.Name, a.DeveloperTools, a.Enterprise, a.PmeEnabled, Members = a.Members.Count })
            .ToListAsync(context.CancellationToken);
        context.Print(accounts, string.Join(Environment.NewLine, accounts.Select(a =>
            $"{a.Id,-34} {a.Name,-24} developerTools={a.DeveloperTools} enterprise={a.Enterprise} pmeEnabled={a.PmeEnabled} members={a.Members}")));
        return 0;
    }

    private static async Task<int> SetFlagsAsync(CliContext context, CliArgs args)
    {
        var db = context.Get<SpacegateDbContext>();
        var id = args.Positional(0, "ACCOUNT_ID");
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id, context.CancellationToken)
            ?? throw new CliException($"No account has the id '{id}'.");
        account.DeveloperTools = Flag(args, "developer-tools") ?? account.DeveloperTools;
        account.Enterprise = Flag(args, "enterprise") ?? account.Enterprise;
        account.PmeEnabled = Flag(args, "pme") ?? account.PmeEnabled;
        await db.SaveChangesAsync(context.CancellationToken);
        context.Print(new { account.Id, account.DeveloperTools, account.Enterprise, account.PmeEnabled },
            $"{account.Name}: developerTools={account.DeveloperTools} enterprise={account.Enterprise} pmeEnabled={account.PmeEnabled}");
        return 0;
    }

    private static async Task<int> AddMemberAsync(CliContext context, CliArgs args)
    {
        var db = context.Get<SpacegateDbContext>();
        var accountId = args.Require("account");
        var email = args.Require("email");
        var role = (args.Get("role") ?? "member").ToLowerInvariant() switch
        {
            "member" => AccountRole.Member,
            "admin" => AccountRole.Admin,
            var other => throw new CliException($"Unknown role '{other}': use member or admin."),
        };
        if (!await db.Accounts.AnyAsync(a => a.Id == accountId, context.CancellationToken))
        {
            throw new CliException($"No account has the id '{accountId}'.");
        }
        var user = await context.Get<UserManager<SpacegateUser>>().FindByEmailAsync(email)
            ?? throw new CliException($"No user has the email '{email}'.");
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.AccountId == accountId && m.UserId == user.Id, context.CancellationToken);
        if (membership is null)
        {
            db.Memberships.Add(new AccountMembership { AccountId = accountId, UserId = user.Id, Role = role });
        }
        else
        {
            membership.Role = role;
        }
        await db.SaveChangesAsync(context.CancellationToken);
        context.Print(new { accountId, user = email, role = role.ToString().ToLowerInvariant() }, $"{email} is now {role.ToString().ToLowerInvariant()} of {accountId}.");
        return 0;
    }

    private static bool? Flag(CliArgs args, string name) => args.Get(name) switch
    {
        null => null,
        "true" or "on" or "yes" => true,
        "false" or "off" or "no" => false,
        var other => throw new CliException($"--{name} takes true or false, not '{other}'."),
    };
}
