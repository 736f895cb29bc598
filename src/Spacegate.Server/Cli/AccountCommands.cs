using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Administration;
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
        new("members remove", "Remove a user from an account; the grants they gave on it are revoked at once.",
            "members remove --account ACCOUNT_ID --email EMAIL [--json]", RemoveMemberAsync),
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
        var (developerTools, enterprise, pme) = (Flag(args, "developer-tools"), Flag(args, "enterprise"), Flag(args, "pme"));
        if (!await context.Get<PlatformAdministration>().SetFlagsAsync(id, developerTools, enterprise, pme, context.CancellationToken))
        {
            throw new CliException($"No account has the id '{id}'.");
        }
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == id, context.CancellationToken);
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
        await context.Get<AccountMembers>().SetRoleAsync(accountId, user.Id, role, context.CancellationToken);
        context.Print(new { accountId, user = email, role = role.ToString().ToLowerInvariant() }, $"{email} is now {role.ToString().ToLowerInvariant()} of {accountId}.");
        return 0;
    }

    private static async Task<int> RemoveMemberAsync(CliContext context, CliArgs args)
    {
        var accountId = args.Require("account");
        var email = args.Require("email");
        var user = await context.Get<UserManager<SpacegateUser>>().FindByEmailAsync(email)
            ?? throw new CliException($"No user has the email '{email}'.");
        if (!await context.Get<AccountMembers>().RemoveAsync(accountId, user.Id, context.CancellationToken))
        {
            throw new CliException($"{email} is not a member of '{accountId}'.");
        }
        context.Print(new { accountId, user = email, removed = true }, $"{email} is no longer a member of {accountId}; the grants they gave on it are revoked.");
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
