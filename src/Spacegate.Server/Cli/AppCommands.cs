using System.CommandLine;
using Spacegate.Server.Applications;

namespace Spacegate.Server.Cli;

/// <summary>`apps ...`: OAuth apps, through <see cref="ApplicationService"/> and <see cref="ApplicationQueries"/> like Developer Tools and /admin.</summary>
public static class AppCommands
{
    public static Command Create(CliHost host) => new Command("apps", "OAuth apps: register, list, review, reset the secret, delete.").With(
        CreateApp(host),
        List(host),
        ModeChange(host, "approve", "Approve an app for production (platform admin).", "approved for production",
            (s, id, text, ct) => s.ApproveAsync(id, text, ct), CliOptions.Text("--note", "TEXT", "A note for the app's developers.")),
        ModeChange(host, "reject", "Reject an app's production request; it returns to development mode.", "rejected: back in development mode",
            (s, id, text, ct) => s.RejectAsync(id, text!, ct), CliOptions.Text("--reason", "TEXT", "Why, shown to the app's developers.", required: true)),
        ModeChange(host, "request-production", "Ask for production approval (development → pending).", "pending approval",
            (s, id, _, ct) => s.RequestProductionAsync(id, ct)),
        ResetSecret(host),
        ModeChange(host, "delete", "Delete an app and revoke everything it was granted.", "deleted",
            (s, id, _, ct) => s.DeleteAsync(id, ct)));

    private static Command CreateApp(CliHost host)
    {
        var account = CliOptions.Text("--account", "ACCOUNT_ID", "The account that owns the app.", required: true);
        var name = CliOptions.Text("--name", "NAME", "The name users see on the consent screen.", required: true);
        var redirectUris = CliOptions.Texts("--redirect-uri", "URI", "A redirect URI (repeat for more).");
        var scopes = CliOptions.Texts("--scope", "SCOPES", "Scopes the app may ask for, space- or comma-separated (repeatable).");
        var duration = new Option<int>("--duration") { HelpName = "MINUTES", Description = "Access-token lifetime in minutes (1 to 1440).", DefaultValueFactory = _ => 60 };
        var isImplicit = CliOptions.Switch("--implicit", "A browser-only app (response_type=token): no client secret.");
        return new Command("create", "Register an OAuth app; prints the client id and, once, the client secret.")
            .With(account, name, redirectUris, scopes, duration, isImplicit)
            .Runs(host, async (context, parse) =>
            {
                var scopeList = (parse.GetValue(scopes) ?? []).SelectMany(s => s.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)).ToList();
                var registration = new ApplicationRegistration(parse.GetRequiredValue(name), parse.GetValue(redirectUris) ?? [], scopeList,
                    parse.GetValue(duration), parse.GetValue(isImplicit) ? ClientKind.Implicit : ClientKind.Confidential);
                var result = Checked(await context.Get<ApplicationService>().CreateAsync(parse.GetRequiredValue(account), registration, context.CancellationToken));
                context.Print(new { clientId = result.ClientId, clientSecret = result.ClientSecret, mode = "development" },
                    $"Created '{registration.Name}' in development mode.\n  client_id:     {result.ClientId}\n" +
                    (result.ClientSecret is null ? "  (implicit app: no client secret)" : $"  client_secret: {result.ClientSecret}\n  The secret is shown only now; store it safely."));
                return CliExitCodes.Ok;
            });
    }

    private static Command List(CliHost host)
    {
        var account = CliOptions.Text("--account", "ACCOUNT_ID", "Only this account's apps.");
        return new Command("list", "List OAuth apps.").With(account).Runs(host, async (context, parse) =>
        {
            var apps = await context.Get<ApplicationQueries>().ListAsync(parse.GetValue(account), context.CancellationToken);
            var view = apps.Select(a => new
            {
                a.ClientId, a.Name, a.AccountId,
                mode = a.Mode.ToString().ToLowerInvariant(),
                clientType = a.ClientKind == ClientKind.Implicit ? "implicit" : "confidential",
                a.AccessTokenMinutes, a.RedirectUris, a.Scopes,
            }).ToList();
            context.Print(view, string.Join(Environment.NewLine, view.Select(a =>
                $"{a.ClientId}  {a.Name,-28} account={a.AccountId} mode={a.mode} type={a.clientType} duration={a.AccessTokenMinutes}m scopes={string.Join(' ', a.Scopes)}")));
            return CliExitCodes.Ok;
        });
    }

    private static Command ResetSecret(CliHost host)
    {
        var clientId = ClientIdArgument();
        return new Command("reset-secret", "Replace the client secret; the old one stops working at once.").With(clientId).Runs(host, async (context, parse) =>
        {
            var result = Checked(await context.Get<ApplicationService>().ResetSecretAsync(parse.GetRequiredValue(clientId), context.CancellationToken));
            context.Print(new { clientId = result.ClientId, clientSecret = result.ClientSecret },
                $"New client_secret for {result.ClientId}: {result.ClientSecret}\nThe old secret no longer works. This secret is shown only now.");
            return CliExitCodes.Ok;
        });
    }

    private static Command ModeChange(CliHost host, string name, string description, string outcome,
        Func<ApplicationService, string, string?, CancellationToken, Task<ApplicationResult>> change, Option<string>? text = null)
    {
        var clientId = ClientIdArgument();
        var command = new Command(name, description).With(clientId);
        if (text is not null)
        {
            command.Add(text);
        }
        return command.Runs(host, async (context, parse) =>
        {
            var result = Checked(await change(context.Get<ApplicationService>(), parse.GetRequiredValue(clientId),
                text is null ? null : parse.GetValue(text), context.CancellationToken));
            context.Print(new { clientId = result.ClientId, status = outcome }, $"{result.ClientId}: {outcome}.");
            return CliExitCodes.Ok;
        });
    }

    private static Argument<string> ClientIdArgument() => new("CLIENT_ID") { Description = "The app's client_id." };

    private static ApplicationResult Checked(ApplicationResult result) =>
        result.Succeeded ? result : throw new CliException(string.Join(Environment.NewLine, result.Errors));
}
