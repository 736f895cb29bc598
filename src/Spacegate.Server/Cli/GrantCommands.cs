using System.CommandLine;
using Spacegate.Server.Grants;

namespace Spacegate.Server.Cli;

/// <summary>`grants list|revoke`, through <see cref="GrantQueries"/> and <see cref="GrantRevocationService"/> like the Connected apps page.</summary>
public static class GrantCommands
{
    public static Command Create(CliHost host) => new Command("grants", "Live grants (user consents) and their revocation.").With(List(host), Revoke(host));

    private static Command List(CliHost host)
    {
        var account = CliOptions.Text("--account", "ACCOUNT_ID", "Only grants on this account.");
        return new Command("list", "List live grants (user consents).").With(account).Runs(host, async (context, parse) =>
        {
            var grants = await context.Get<GrantQueries>().ListAsync(parse.GetValue(account), context.CancellationToken);
            var view = grants.Select(g => new
            {
                g.Id, app = g.AppName, g.ClientId, g.AccountId, g.AccountName, g.UserId, g.UserName, g.Scopes, creationDate = g.CreatedAt,
            }).ToList();
            context.Print(view, view.Count == 0 ? "No live grants." : string.Join(Environment.NewLine, view.Select(g =>
                $"{g.Id}  app={g.app} account={g.AccountId} user={g.UserId} scopes={string.Join(' ', g.Scopes)} created={g.creationDate:u}")));
            return CliExitCodes.Ok;
        });
    }

    private static Command Revoke(CliHost host)
    {
        var id = new Argument<string>("GRANT_ID") { Description = "The grant to revoke (see grants list)." };
        return new Command("revoke", "Revoke a grant: every token of it stops working at once.").With(id).Runs(host, async (context, parse) =>
        {
            var grantId = parse.GetRequiredValue(id);
            if (!await context.Get<GrantRevocationService>().RevokeAsync(grantId, context.CancellationToken))
            {
                throw new CliException($"No grant has the id '{grantId}'.");
            }
            context.Print(new { revoked = grantId }, $"Revoked grant {grantId}; its tokens no longer work.");
            return CliExitCodes.Ok;
        });
    }
}
