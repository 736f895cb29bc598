using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Data;
using Spacegate.Server.Grants;

namespace Spacegate.Server.Cli;

public static class GrantCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("grants list", "List live grants (user consents).", "grants list [--account ACCOUNT_ID] [--json]", ListAsync),
        new("grants revoke", "Revoke a grant: every token of it stops working at once.", "grants revoke GRANT_ID [--json]", RevokeAsync),
    ];

    private static async Task<int> ListAsync(CliContext context, CliArgs args)
    {
        var account = args.Get("account");
        var grants = await context.Get<SpacegateDbContext>().Grants.AsNoTracking()
            .Where(g => g.Status == "valid" && (account == null || g.AccountId == account))
            .Select(g => new { g.Id, App = g.Application!.DisplayName, g.Application.ClientId, g.AccountId, UserId = g.Subject, g.Scopes, g.CreationDate })
            .ToListAsync(context.CancellationToken);
        context.Print(grants, grants.Count == 0 ? "No live grants." : string.Join(Environment.NewLine, grants.Select(g =>
            $"{g.Id}  app={g.App} account={g.AccountId} user={g.UserId} scopes={g.Scopes} created={g.CreationDate:u}")));
        return 0;
    }

    private static async Task<int> RevokeAsync(CliContext context, CliArgs args)
    {
        var id = args.Positional(0, "GRANT_ID");
        if (!await context.Get<GrantRevocationService>().RevokeAsync(id, context.CancellationToken))
        {
            throw new CliException($"No grant has the id '{id}'.");
        }
        context.Print(new { revoked = id }, $"Revoked grant {id}; its tokens no longer work.");
        return 0;
    }
}
