using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Spacegate.Server.Cli;

/// <summary>
/// `spacegate VERB ...`: operations on the server's database, without starting the web server. The verbs are
/// System.CommandLine commands: help, usage, typo suggestions and value errors come from the parser.
/// </summary>
public static class CliApp
{
    private const string Description = """
        Spacegate: OAuth 2.0 authorization server for private 3D spaces.
        `spacegate` alone starts the server; `spacegate VERB [options]` runs an operation on its database and exits.
        Every verb takes --help and --json.

        Server settings apply here too: --Storage:SqlitePath=FILE (or Storage__SqlitePath=FILE), --Spacegate:Mode=Production;
          PostgreSQL: --Storage:Provider=PostgreSQL --Storage:ConnectionString="Host=...;Database=...;Username=...;Password=..."
          (or Storage__Provider, Storage__ConnectionString), and appsettings.json.

        Exit codes: 0 done, 1 the verb failed (unknown id, refused input, configuration error),
          2 usage error (unknown verb or option, missing or badly typed value; nothing ran), 130 cancelled (Ctrl+C).
        """;

    private static readonly string[] HelpWords = ["help", "--help", "-h", "-?"];

    /// <summary>
    /// True when the command line, server settings aside, names a verb (or asks for help) rather than starting the
    /// server: `spacegate migrate`, `spacegate --Storage:SqlitePath=x.db migrate`, but not `spacegate --urls URL`.
    /// </summary>
    public static bool IsCommand(string[] args)
    {
        var (verb, _) = SplitSettings(args);
        return verb.Count > 0 && (HelpWords.Contains(verb[0]) || (!verb[0].StartsWith('-') && !verb[0].Contains('=')));
    }

    /// <summary>Every verb, e.g. "apps create", with its options.</summary>
    public static IReadOnlyList<CliVerbInfo> Verbs { get; } = [.. VerbsOf(CreateRoot(new CliHost(null, [], TextWriter.Null, TextWriter.Null)), "")];

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null,
        Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var console = output is null;
        output ??= Console.Out;
        error ??= Console.Error;
        var (verbArgs, settings) = SplitSettings(args);
        if (verbArgs.Count > 0 && verbArgs[0] == "help")
        {
            verbArgs = [.. verbArgs.Skip(1), "--help"];
        }
        var parsed = CreateRoot(new CliHost(configure, settings, output, error)).Parse(verbArgs);
        try
        {
            var code = await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
                // Ctrl+C and SIGTERM cancel the verb's token; only the real console process listens for them.
                ProcessTerminationTimeout = console ? TimeSpan.FromSeconds(10) : null,
            }, cancellationToken);
            return parsed.Action is ParseErrorAction ? CliExitCodes.UsageError : code;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("Cancelled.");
            return CliExitCodes.Cancelled;
        }
    }

    private static Command CreateRoot(CliHost host)
    {
        // Named "spacegate" whatever the process is called (dotnet, a test host), so usage lines read as the README's.
        var root = new Command("spacegate", Description) { new HelpOption() };
        root.With(
            MaintenanceCommands.Migrate(host),
            MaintenanceCommands.Seed(host),
            UserCommands.Create(host),
            AccountCommands.Create(host),
            MemberCommands.Create(host),
            AppCommands.Create(host),
            ModelCommands.Create(host),
            GrantCommands.Create(host),
            MaintenanceCommands.Tokens(host),
            AuditCommands.Create(host),
            KeyCommands.Create(host),
            ClockCommands.Create(host));
        return root;
    }

    private static IEnumerable<CliVerbInfo> VerbsOf(Command command, string prefix)
    {
        foreach (var child in command.Subcommands)
        {
            var name = (prefix + " " + child.Name).Trim();
            if (child.Subcommands.Count == 0)
            {
                yield return new CliVerbInfo(name, [.. child.Options.Select(o => o.Name)], [.. child.Arguments.Select(a => a.Name)]);
            }
            foreach (var verb in VerbsOf(child, name))
            {
                yield return verb;
            }
        }
    }

    /// <summary>Separates server settings (--Section:Key=value or --Section:Key value) from the verb's own arguments.</summary>
    private static (List<string> Verb, List<string> Settings) SplitSettings(string[] args)
    {
        var verb = new List<string>();
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Split('=', 2)[0].Contains(':'))
            {
                settings.Add(arg);
                if (!arg.Contains('=') && i + 1 < args.Length)
                {
                    settings.Add(args[++i]);
                }
            }
            else
            {
                verb.Add(arg);
            }
        }
        return (verb, settings);
    }
}
