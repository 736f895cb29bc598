using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Domain;

namespace Spacegate.Server.Cli;

/// <summary>`users create|list`: sign-in identities, through ASP.NET Core Identity's UserManager like the pages.</summary>
public static class UserCommands
{
    public static Command Create(CliHost host) => new Command("users", "People who sign in.").With(CreateUser(host), List(host));

    private static Command CreateUser(CliHost host)
    {
        var email = CliOptions.Text("--email", "EMAIL", "The sign-in email address.", required: true);
        var name = CliOptions.Text("--name", "DISPLAY_NAME", "The name shown on pages (default: the email).");
        var password = CliOptions.Text("--password", "PASSWORD", "The password (or set SPACEGATE_PASSWORD, which stays out of the shell history).");
        var platformAdmin = CliOptions.Switch("--platform-admin", "Make the user a platform admin (app approvals, account flags, audit).");
        return new Command("create", "Create a user (the password is read from --password or SPACEGATE_PASSWORD).")
            .With(email, name, password, platformAdmin)
            .Runs(host, async (context, parse) =>
            {
                var address = parse.GetRequiredValue(email);
                var secret = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("SPACEGATE_PASSWORD")
                    ?? throw new CliException("Give a password with --password or the SPACEGATE_PASSWORD environment variable.");
                var user = new SpacegateUser
                {
                    UserName = address, Email = address, EmailConfirmed = true,
                    DisplayName = parse.GetValue(name) ?? address, IsPlatformAdmin = parse.GetValue(platformAdmin),
                };
                var result = await context.Get<UserManager<SpacegateUser>>().CreateAsync(user, secret);
                if (!result.Succeeded)
                {
                    throw new CliException("Could not create the user: " + string.Join(" ", result.Errors.Select(e => e.Description)));
                }
                context.Print(new { user.Id, user.Email, user.DisplayName, user.IsPlatformAdmin }, $"Created user {user.Email} ({user.Id}).");
                return CliExitCodes.Ok;
            });
    }

    private static Command List(CliHost host) =>
        new Command("list", "List users with their accounts.").Runs(host, async (context, _) =>
        {
            var users = await context.Get<UserManager<SpacegateUser>>().Users.AsNoTracking()
                .OrderBy(u => u.Email)
                .Select(u => new
                {
                    u.Id, u.Email, u.DisplayName, u.IsPlatformAdmin,
                    Accounts = u.Memberships.Select(m => new { m.AccountId, Role = m.Role.ToString().ToLower() }).ToList(),
                })
                .ToListAsync(context.CancellationToken);
            context.Print(users, string.Join(Environment.NewLine, users.Select(u =>
                $"{u.Email,-32} {u.DisplayName,-20} {(u.IsPlatformAdmin ? "platform-admin " : "")}{string.Join(", ", u.Accounts.Select(a => $"{a.AccountId}:{a.Role}"))}")));
            return CliExitCodes.Ok;
        });
}
