using System.Globalization;
using Spacegate.Server.Audit;

namespace Spacegate.Server.Cli;

public static class AuditCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("audit list", "List audit events, newest first (grants, revocations, app reviews, flags, purchases, embed tokens).",
            "audit list [--account ACCOUNT_ID] [--app CLIENT_ID] [--since DATE|7d] [--until DATE|1h] [--limit 50] [--json]", ListAsync),
    ];

    private static async Task<int> ListAsync(CliContext context, CliArgs args)
    {
        var now = context.Get<TimeProvider>().GetUtcNow();
        var limit = 50;
        if (args.Get("limit") is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) ||
            limit is < 1 or > AuditQuery.MaxLimit))
        {
            throw new CliException($"--limit must be a whole number from 1 to {AuditQuery.MaxLimit}.");
        }
        var filter = new AuditFilter(args.Get("account"), args.Get("app"), Time(args, "since", now), Time(args, "until", now), limit);
        var page = await context.Get<AuditQuery>().ListAsync(filter, context.CancellationToken);
        var rows = page.Events.Select(e => new
        {
            e.Id, e.At, e.Action, e.Actor, e.ActorEmail, e.AccountId, e.ClientId, e.TargetId,
            Details = e.Details is null ? (object?)null : System.Text.Json.JsonDocument.Parse(e.Details).RootElement,
        }).ToList();
        context.Print(rows, rows.Count == 0 ? "No audit events match." : string.Join(Environment.NewLine, page.Events.Select(e =>
            $"{e.At:u}  {e.Action,-28} actor={e.ActorEmail ?? e.Actor} account={e.AccountId ?? "-"} app={e.ClientId ?? "-"} target={e.TargetId ?? "-"}" +
            (e.Details is null ? "" : $" {e.Details}"))));
        return 0;
    }

    private static DateTimeOffset? Time(CliArgs args, string name, DateTimeOffset now)
    {
        if (args.Get(name) is not { } text)
        {
            return null;
        }
        return AuditTime.TryParse(text, now, out var value, out var error) ? value : throw new CliException($"--{name}: {error}");
    }
}
