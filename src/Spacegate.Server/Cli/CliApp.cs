using Microsoft.Extensions.Options;
using Spacegate.Server.Data;

namespace Spacegate.Server.Cli;

/// <summary>`spacegate VERB ...`: operations on the server's database, without starting the web server.</summary>
public static class CliApp
{
    public static IReadOnlyList<CliCommand> Commands { get; } =
    [
        .. MaintenanceCommands.All,
        .. UserCommands.All,
        .. AccountCommands.All,
        .. AppCommands.All,
        .. ModelCommands.All,
        .. GrantCommands.All,
        .. ClockCommands.All,
        .. AuditCommands.All,
        .. KeyCommands.All,
    ];

    private static readonly HashSet<string> Groups = Commands.Select(c => c.Name.Split(' ')[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (Groups.Contains(args[0]) || args[0] is "help" or "--help" or "-h");

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        if (args[0] is "help" or "--help" or "-h")
        {
            PrintHelp(output);
            return 0;
        }
        var command = Find(args);
        if (command is null)
        {
            var group = args[0];
            error.WriteLine(args.Length > 1 && args[1] is not ("--help" or "-h")
                ? $"Unknown command '{string.Join(' ', args.Take(2))}'."
                : $"'{group}' needs a sub-command.");
            output.WriteLine($"Commands of '{group}':");
            foreach (var c in Commands.Where(c => c.Name.StartsWith(group + " ", StringComparison.OrdinalIgnoreCase)))
            {
                output.WriteLine($"  spacegate {c.Name,-22} {c.Summary}");
            }
            return args.Length > 1 && args[1] is "--help" or "-h" ? 0 : 2;
        }

        var rest = args.Skip(command.Name.Split(' ').Length).ToArray();
        CliArgs parsed;
        try
        {
            parsed = new CliArgs(rest, command.AllFlags);
        }
        catch (CliException e)
        {
            error.WriteLine(e.Message);
            error.WriteLine($"Usage: spacegate {command.Usage}");
            return 2;
        }
        if (parsed.Has("help"))
        {
            output.WriteLine($"{command.Summary}\n\nUsage: spacegate {command.Usage}");
            return 0;
        }

        // Server settings (--Storage:SqlitePath=..., --Storage:Provider=..., --Storage:ConnectionString=..., environment variables, appsettings.json) apply to the CLI too.
        var app = Program.BuildApp(["--urls", "http://127.0.0.1:0"], configure);
        try
        {
            var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
            if (command.Name != "migrate")
            {
                await app.Services.MigrateAsync();
            }
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Audit.AuditActor>().Name = Audit.AuditActions.CliActor;
            var context = new CliContext(scope.ServiceProvider, output, parsed.Has("json"));
            if (!context.Json)
            {
                error.WriteLine($"(database: {storage.Describe()})");
            }
            return await command.Run(context, parsed);
        }
        catch (CliException e)
        {
            error.WriteLine(e.Message);
            return 1;
        }
        catch (OptionsValidationException e)
        {
            error.WriteLine($"Configuration error: {e.Message}");
            return 1;
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static CliCommand? Find(string[] args)
    {
        if (args.Length >= 2 && Commands.FirstOrDefault(c => c.Name.Equals($"{args[0]} {args[1]}", StringComparison.OrdinalIgnoreCase)) is { } two)
        {
            return two;
        }
        return Commands.FirstOrDefault(c => c.Name.Equals(args[0], StringComparison.OrdinalIgnoreCase));
    }

    private static void PrintHelp(TextWriter output)
    {
        output.WriteLine("Spacegate: OAuth 2.0 authorization server for private 3D spaces.");
        output.WriteLine();
        output.WriteLine("Usage:");
        output.WriteLine("  spacegate                      start the server (see README for settings)");
        output.WriteLine("  spacegate COMMAND [options]    run an operation on the database and exit");
        output.WriteLine();
        output.WriteLine("Commands (each takes --help; most take --json for scripts):");
        foreach (var c in Commands)
        {
            output.WriteLine($"  {c.Name,-22} {c.Summary}");
        }
        output.WriteLine();
        output.WriteLine("Settings: --Storage:SqlitePath=FILE (or Storage__SqlitePath=FILE), --Spacegate:Mode=Production;");
        output.WriteLine("  PostgreSQL: --Storage:Provider=PostgreSQL --Storage:ConnectionString=\"Host=...;Database=...;Username=...;Password=...\"");
        output.WriteLine("  (or Storage__Provider, Storage__ConnectionString).");
    }
}
