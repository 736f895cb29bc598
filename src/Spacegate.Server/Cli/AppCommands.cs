using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Applications;
using Spacegate.Server.Data;

namespace Spacegate.Server.Cli;

public static class AppCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("apps create", "Register an OAuth app; prints the client id and, once, the client secret.",
            "apps create --account ACCOUNT_ID --name NAME --redirect-uri URI [--redirect-uri URI2] --scope \"ViewDetails EditDetails\" [--duration 60] [--implicit] [--json]",
            CreateAsync, new HashSet<string> { "implicit" }),
        new("apps list", "List OAuth apps.", "apps list [--account ACCOUNT_ID] [--json]", ListAsync),
        new("apps approve", "Approve an app for production (platform admin).", "apps approve CLIENT_ID [--note TEXT] [--json]", ApproveAsync),
        new("apps reject", "Reject an app's production request; it returns to development mode.", "apps reject CLIENT_ID --reason TEXT [--json]", RejectAsync),
        new("apps request-production", "Ask for production approval (development → pending).", "apps request-production CLIENT_ID [--json]", RequestAsync),
        new("apps reset-secret", "Replace the client secret; the old one stops working at once.", "apps reset-secret CLIENT_ID [--json]", ResetSecretAsync),
        new("apps delete", "Delete an app and revoke everything it was granted.", "apps delete CLIENT_ID [--json]", DeleteAsync),
    ];

    private static async Task<int> CreateAsync(CliContext context, CliArgs args)
    {
        var scopes = args.GetAll("scope").SelectMany(s => s.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)).ToList();
        var minutes = 60;
        if (args.Get("duration") is { } duration && !int.TryParse(duration, out minutes))
        {
            throw new CliException("--duration is the access-token duration in whole minutes (1 to 1440).");
        }
        var registration = new ApplicationRegistration(args.Require("name"), args.GetAll("redirect-uri"), scopes, minutes,
            args.Has("implicit") ? ClientKind.Implicit : ClientKind.Confidential);
        var result = await context.Get<ApplicationService>().CreateAsync(args.Require("account"), registration, context.CancellationToken);
        Report(result);
        context.Print(new { clientId = result.ClientId, clientSecret = result.ClientSecret, mode = "development" },
            $"Created '{registration.Name}' in development mode.\n  client_id:     {result.ClientId}\n" +
            (result.ClientSecret is null ? "  (implicit app: no client secret)" : $"  client_secret: {result.ClientSecret}\n  The secret is shown only now; store it safely."));
        return 0;
    }

    private static async Task<int> ListAsync(CliContext context, CliArgs args)
    {
        var account = args.Get("account");
        var apps = await context.Get<SpacegateDbContext>().Applications.AsNoTracking()
            .Where(a => account == null || a.AccountId == account)
            .OrderBy(a => a.DisplayName)
            .Select(a => new { a.ClientId, Name = a.DisplayName, a.AccountId, Mode = a.Mode.ToString().ToLower(), a.ClientType, a.AccessTokenMinutes, a.RedirectUris, a.Permissions })
            .ToListAsync(context.CancellationToken);
        var view = apps.Select(a => new
        {
            a.ClientId, a.Name, a.AccountId, a.Mode,
            clientType = a.ClientType == "public" ? "implicit" : "confidential",
            accessTokenMinutes = a.AccessTokenMinutes,
            redirectUris = JsonSerializer.Deserialize<List<string>>(a.RedirectUris ?? "[]"),
            scopes = (JsonSerializer.Deserialize<List<string>>(a.Permissions ?? "[]") ?? []).Where(p => p.StartsWith("scp:")).Select(p => p[4..]).ToList(),
        }).ToList();
        context.Print(view, string.Join(Environment.NewLine, view.Select(a =>
            $"{a.ClientId}  {a.Name,-28} account={a.AccountId} mode={a.Mode} type={a.clientType} duration={a.accessTokenMinutes}m scopes={string.Join(' ', a.scopes)}")));
        return 0;
    }

    private static Task<int> ApproveAsync(CliContext context, CliArgs args) =>
        Mode(context, args, s => s.ApproveAsync(args.Positional(0, "CLIENT_ID"), args.Get("note"), context.CancellationToken), "approved for production");

    private static Task<int> RejectAsync(CliContext context, CliArgs args) =>
        Mode(context, args, s => s.RejectAsync(args.Positional(0, "CLIENT_ID"), args.Require("reason"), context.CancellationToken), "rejected: back in development mode");

    private static Task<int> RequestAsync(CliContext context, CliArgs args) =>
        Mode(context, args, s => s.RequestProductionAsync(args.Positional(0, "CLIENT_ID"), context.CancellationToken), "pending approval");

    private static Task<int> DeleteAsync(CliContext context, CliArgs args) =>
        Mode(context, args, s => s.DeleteAsync(args.Positional(0, "CLIENT_ID"), context.CancellationToken), "deleted");

    private static async Task<int> ResetSecretAsync(CliContext context, CliArgs args)
    {
        var result = await context.Get<ApplicationService>().ResetSecretAsync(args.Positional(0, "CLIENT_ID"), context.CancellationToken);
        Report(result);
        context.Print(new { clientId = result.ClientId, clientSecret = result.ClientSecret },
            $"New client_secret for {result.ClientId}: {result.ClientSecret}\nThe old secret no longer works. This secret is shown only now.");
        return 0;
    }

    private static async Task<int> Mode(CliContext context, CliArgs args, Func<ApplicationService, Task<ApplicationResult>> change, string what)
    {
        var result = await change(context.Get<ApplicationService>());
        Report(result);
        context.Print(new { clientId = result.ClientId, status = what }, $"{result.ClientId}: {what}.");
        return 0;
    }

    private static void Report(ApplicationResult result)
    {
        if (!result.Succeeded)
        {
            throw new CliException(string.Join(Environment.NewLine, result.Errors));
        }
    }
}
