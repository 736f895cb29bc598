using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Administration;
using Spacegate.Server.Data;
using Spacegate.Server.Domain;

namespace Spacegate.Server.Cli;

/// <summary>`accounts create|list|set-flags`; listing and flags go through <see cref="PlatformAdministration"/>, as on /admin.</summary>
public static class AccountCommands
{
    public static Command Create(CliHost host) =>
        new Command("accounts", "Accounts (organisations) and their flags.").With(CreateAccount(host), List(host), SetFlags(host));

    private static Command CreateAccount(CliHost host)
    {
        var name = CliOptions.Text("--name", "NAME", "The account's name.", required: true);
        var id = CliOptions.Text("--id", "ACCOUNT_ID", "The account id (default: generated).");
        return new Command("create", "Create an account.").With(name, id).Runs(host, async (context, parse) =>
        {
            var db = context.Get<SpacegateDbContext>();
            var account = new Account { Name = parse.GetRequiredValue(name), CreatedAt = context.Get<TimeProvider>().GetUtcNow() };
            if (parse.GetValue(id) is { } chosen)
            {
                account.Id = chosen;
            }
            if (await db.Accounts.AnyAsync(a => a.Id == account.Id, context.CancellationToken))
            {
                throw new CliException($"An account with id '{account.Id}' already exists.");
            }
            db.Accounts.Add(account);
            await db.SaveChangesAsync(context.CancellationToken);
            context.Print(new { account.Id, account.Name }, $"Created account {account.Name} ({account.Id}).");
            return CliExitCodes.Ok;
        });
    }

    private static Command List(CliHost host) =>
        new Command("list", "List accounts and their flags.").Runs(host, async (context, _) =>
        {
            var accounts = await context.Get<PlatformAdministration>().ListAccountsAsync(context.CancellationToken);
            context.Print(accounts, string.Join(Environment.NewLine, accounts.Select(a =>
                $"{a.Id,-34} {a.Name,-24} developerTools={a.DeveloperTools} enterprise={a.Enterprise} pmeEnabled={a.PmeEnabled} members={a.Members} apps={a.Apps}")));
            return CliExitCodes.Ok;
        });

    private static Command SetFlags(CliHost host)
    {
        var id = new Argument<string>("ACCOUNT_ID") { Description = "The account to change." };
        var developerTools = CliOptions.OnOff("--developer-tools", "Members may register OAuth apps (Developer Tools).");
        var enterprise = CliOptions.OnOff("--enterprise", "Enterprise account.");
        var pme = CliOptions.OnOff("--pme", "Private Model Embed: client credentials and embed links; off revokes their tokens at once.");
        return new Command("set-flags", "Set an account's flags (platform admin); a flag left out keeps its value.")
            .With(id, developerTools, enterprise, pme)
            .Runs(host, async (context, parse) =>
            {
                var accountId = parse.GetRequiredValue(id);
                var administration = context.Get<PlatformAdministration>();
                if (!await administration.SetFlagsAsync(accountId, parse.OnOffValue(developerTools), parse.OnOffValue(enterprise), parse.OnOffValue(pme),
                        context.CancellationToken))
                {
                    throw new CliException($"No account has the id '{accountId}'.");
                }
                var account = (await administration.ListAccountsAsync(context.CancellationToken)).Single(a => a.Id == accountId);
                context.Print(new { account.Id, account.DeveloperTools, account.Enterprise, account.PmeEnabled },
                    $"{account.Name}: developerTools={account.DeveloperTools} enterprise={account.Enterprise} pmeEnabled={account.PmeEnabled}");
                return CliExitCodes.Ok;
            });
    }
}
