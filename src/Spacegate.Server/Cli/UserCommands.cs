using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spacegate.Server.Domain;

namespace Spacegate.Server.Cli;

public static class UserCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("users create", "Create a user (the password is read from --password or SPACEGATE_PASSWORD).",
            "users create --email EMAIL --name \"DISPLAY NAME\" [--password PASSWORD] [--platform-admin] [--json]", CreateAsync,
            new HashSet<string> { "platform-admin" }),
        new("users list", "List users with their accounts.", "users list [--json]", ListAsync),
    ];

    private static async Task<int> CreateAsync(CliContext context, CliArgs args)
    {
        var email = args.Require("email");
        var password = args.Get("password") ?? Environment.GetEnvironmentVariable("SPACEGATE_PASSWORD")
            ?? throw new CliException("Give a password with --password or the SPACEGATE_PASSWORD environment variable.");
        var user = new SpacegateUser
        {
            UserName = email, Email = email, EmailConfirmed = true,
            DisplayName = args.Get("name") ?? email, IsPlatformAdmin = args.Has("platform-admin"),
        };
        var result = await context.Get<UserManager<SpacegateUser>>().CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new CliException("Could not create the user: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        context.Print(new { user.Id, user.Email, user.DisplayName, user.IsPlatformAdmin }, $"Created user {user.Email} ({user.Id}).");
        return 0;
    }

    private static async Task<int> ListAsync(CliContext context, CliArgs args)
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
        return 0;
    }
}
