namespace Spacegate.Server.Cli;

/// <summary>Positional arguments and --options (`--name value`, `--flag`) of one CLI verb.</summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Positionals { get; } = [];

    public CliArgs(IEnumerable<string> args, IReadOnlySet<string> flags)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                Positionals.Add(arg);
                continue;
            }
            var name = arg[2..];
            string value;
            var eq = name.IndexOf('=');
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (flags.Contains(name))
            {
                value = "true";
            }
            else if (e.MoveNext())
            {
                value = e.Current;
            }
            else
            {
                throw new CliException($"The option --{name} needs a value.");
            }
            if (!_options.TryGetValue(name, out var list))
            {
                _options[name] = list = [];
            }
            list.Add(value);
        }
    }

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Get(string name) => _options.TryGetValue(name, out var v) ? v[^1] : null;

    public IReadOnlyList<string> GetAll(string name) => _options.TryGetValue(name, out var v) ? v : [];

    public string Require(string name) => Get(name) ?? throw new CliException($"The option --{name} is required.");

    public string Positional(int index, string what) =>
        index < Positionals.Count ? Positionals[index] : throw new CliException($"Missing argument: {what}.");
}

public sealed class CliException(string message) : Exception(message);
