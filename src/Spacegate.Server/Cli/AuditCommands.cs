using System.CommandLine;
using Spacegate.Server.Audit;

namespace Spacegate.Server.Cli;

/// <summary>`audit list`, through <see cref="AuditQuery"/> like /admin/audit.</summary>
public static class AuditCommands
{
    public static Command Create(CliHost host) => new Command("audit", "The audit trail.").With(List(host));

    private static Command List(CliHost host)
    {
        var account = CliOptions.Text("--account", "ACCOUNT_ID", "Only events of this account.");
        var app = CliOptions.Text("--app", "CLIENT_ID", "Only events of this app.");
        var since = Time("--since", "From this time on: a date/time (2026-11-29T12:00Z) or an age (7d, 1h).");
        var until = Time("--until", "Up to this time: a date/time or an age.");
        var limit = CliOptions.Number("--limit", "N", $"At most this many events, 1 to {AuditQuery.MaxLimit}.", 1, AuditQuery.MaxLimit, 50);
        return new Command("list", "List audit events, newest first (grants, revocations, app reviews, flags, purchases, embed tokens).")
            .With(account, app, since, until, limit)
            .Runs(host, async (context, parse) =>
            {
                var now = context.Get<TimeProvider>().GetUtcNow();
                var filter = new AuditFilter(parse.GetValue(account), parse.GetValue(app), At(parse.GetValue(since), now), At(parse.GetValue(until), now),
                    parse.GetValue(limit));
                var page = await context.Get<AuditQuery>().ListAsync(filter, context.CancellationToken);
                var rows = page.Events.Select(e => new
                {
                    e.Id, e.At, e.Action, e.Actor, e.ActorEmail, e.AccountId, e.ClientId, e.TargetId,
                    Details = e.Details is null ? (object?)null : System.Text.Json.JsonDocument.Parse(e.Details).RootElement,
                }).ToList();
                context.Print(rows, rows.Count == 0 ? "No audit events match." : string.Join(Environment.NewLine, page.Events.Select(e =>
                    $"{e.At:u}  {e.Action,-28} actor={e.ActorEmail ?? e.Actor} account={e.AccountId ?? "-"} app={e.ClientId ?? "-"} target={e.TargetId ?? "-"}" +
                    (e.Details is null ? "" : $" {e.Details}"))));
                return CliExitCodes.Ok;
            });
    }

    /// <summary>Checked while parsing; an age is counted back from the server's clock when the verb runs.</summary>
    private static Option<string> Time(string name, string description)
    {
        var option = CliOptions.Text(name, "TIME", description);
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !AuditTime.IsValid(result.Tokens[^1].Value, out var error))
            {
                result.AddError($"{name}: {error}");
            }
        });
        return option;
    }

    private static DateTimeOffset? At(string? text, DateTimeOffset now) =>
        text is null ? null : AuditTime.TryParse(text, now, out var value, out var error) ? value : throw new CliException(error!);
}
