using System.CommandLine;

namespace Spacegate.Server.Cli;

/// <summary>Turns a <see cref="Command"/> into a `spacegate` verb: adds --json and runs the body through <see cref="CliHost"/>.</summary>
public static class CliVerbExtensions
{
    public static Command Runs(this Command command, CliHost host, Func<CliContext, ParseResult, Task<int>> run, bool migrate = true)
    {
        var json = new Option<bool>("--json") { Description = "Print the result as JSON, for scripts." };
        command.Add(json);
        command.SetAction((parse, cancellationToken) =>
            host.RunAsync(parse.GetValue(json), migrate, context => run(context, parse), cancellationToken));
        return command;
    }

    public static Command With(this Command command, params Symbol[] symbols)
    {
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Option option:
                    command.Add(option);
                    break;
                case Argument argument:
                    command.Add(argument);
                    break;
                case Command child:
                    command.Add(child);
                    break;
            }
        }
        return command;
    }
}
