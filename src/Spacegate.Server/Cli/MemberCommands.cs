using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Administration;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;

namespace Spacegate.Server.Cli;

/// <summary>`members add|remove`, through <see cref="AccountMembers"/>: leaving an account revokes the grants given on it.</summary>
public static class MemberCommands
{
    public static Command Create(CliHost host) => new Command("members", "Who belongs to an account.").With(Add(host), Remove(host));

    private static Command Add(CliHost host)
    {
        var account = CliOptions.Text("--account", "ACCOUNT_ID", "The account.", required: true);
        var email = CliOptions.Text("--email", "EMAIL", "The user's email address.", required: true);
        var role = CliOptions.Choice("--role", "The role in the account.", "member", "member", "admin");
        return new Command("add", "Add a user to an account as member or admin (or change the role).")
            .With(account, email, role)
            .Runs(host, async (context, parse) =>
            {
                var accountId = parse.GetRequiredValue(account);
                var address = parse.GetRequiredValue(email);
                var chosen = parse.GetValue(role)!.Equals("admin", StringComparison.OrdinalIgnoreCase) ? AccountRole.Admin : AccountRole.Member;
                if (!await context.Get<SpacegateDbContext>().Accounts.AnyAsync(a => a.Id == accountId, context.CancellationToken))
                {
                    throw new CliException($"No account has the id '{accountId}'.");
                }
                var user = await FindUserAsync(context, address);
                await context.Get<AccountMembers>().SetRoleAsync(accountId, user.Id, chosen, context.CancellationToken);
                var roleName = chosen.ToString().ToLowerInvariant();
                context.Print(new { accountId, user = address, role = roleName }, $"{address} is now {roleName} of {accountId}.");
                return CliExitCodes.Ok;
            });
    }

    private static Command Remove(CliHost host)
    {
        var account = CliOptions.Text("--account", "ACCOUNT_ID", "The account.", required: true);
        var email = CliOptions.Text("--email", "EMAIL", "The user's email address.", required: true);
        return new Command("remove", "Remove a user from an account; the grants they gave on it are revoked at once.")
            .With(account, email)
            .Runs(host, async (context, parse) =>
            {
                var accountId = parse.GetRequiredValue(account);
                var address = parse.GetRequiredValue(email);
                var user = await FindUserAsync(context, address);
                if (!await context.Get<AccountMembers>().RemoveAsync(accountId, user.Id, context.CancellationToken))
                {
                    throw new CliException($"{address} is not a member of '{accountId}'.");
                }
                context.Print(new { accountId, user = address, removed = true },
                    $"{address} is no longer a member of {accountId}; the grants they gave on it are revoked.");
                return CliExitCodes.Ok;
            });
    }

    private static async Task<SpacegateUser> FindUserAsync(CliContext context, string email) =>
        await context.Get<UserManager<SpacegateUser>>().FindByEmailAsync(email)
        ?? throw new CliException($"No user has the email '{email}'.");
}
