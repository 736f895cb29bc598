using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Spacegate.Server.Durations;

namespace Spacegate.Server.Cli;

/// <summary>Typed options: a bad value is refused while parsing, with a message naming the option (exit code 2).</summary>
public static class CliOptions
{
    public static Option<string> Text(string name, string helpName, string description, bool required = false) =>
        new(name) { HelpName = helpName, Description = description, Required = required };

    /// <summary>An option that may be given more than once (<c>--redirect-uri A --redirect-uri B</c>).</summary>
    public static Option<string[]> Texts(string name, string helpName, string description, bool required = false) =>
        new(name) { HelpName = helpName, Description = description, Required = required, Arity = ArgumentArity.OneOrMore };

    public static Option<bool> Switch(string name, string description) => new(name) { Description = description };

    /// <summary>One of <paramref name="values"/>, in any case; the action reads it lower-cased.</summary>
    public static Option<string> Choice(string name, string description, string defaultValue, params string[] values)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, values);
        return option;
    }

    /// <summary>
    /// true/false (also on/off, yes/no); read it with <see cref="OnOffValue"/>, null when absent ("leave as it is").
    /// A string option, so that the parser hands any word to the check below rather than only true and false.
    /// </summary>
    public static Option<string> OnOff(string name, string description)
    {
        var option = new Option<string>(name) { Description = description, HelpName = "true|false" };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && ToBool(result.Tokens[^1].Value) is null)
            {
                result.AddError($"{name} takes true or false, not '{result.Tokens[^1].Value}'.");
            }
        });
        return option;
    }

    public static bool? OnOffValue(this ParseResult parse, Option<string> option) => parse.GetValue(option) is { } text ? ToBool(text) : null;

    private static bool? ToBool(string text) => text.ToLowerInvariant() switch
    {
        "true" or "on" or "yes" => true,
        "false" or "off" or "no" => false,
        _ => null,
    };

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int> Number(string name, string helpName, string description, int min, int max, int defaultValue) => new(name)
    {
        Description = description,
        HelpName = helpName,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseNumber(result, name, min, max),
    };

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, null when absent.</summary>
    public static Option<int?> OptionalNumber(string name, string helpName, string description, int min, int max) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result => result.Tokens.Count == 0 ? null : ParseNumber(result, name, min, max),
    };

    /// <summary>A duration such as 90m, 25h, 14d or P1D (see <see cref="DurationParser"/>), at most <paramref name="max"/>.</summary>
    public static Option<TimeSpan?> Duration(string name, string description, TimeSpan max) => new(name)
    {
        Description = description,
        HelpName = "DURATION",
        CustomParser = result => result.Tokens.Count == 0 ? null : ParseDuration(result, name, max),
    };

    public static Argument<TimeSpan> DurationArgument(string name, string description, TimeSpan max) => new(name)
    {
        Description = description,
        CustomParser = result => ParseDuration(result, name, max) ?? TimeSpan.Zero,
    };

    private static int ParseNumber(ArgumentResult result, string name, int min, int max)
    {
        if (result.Tokens.Count == 0)
        {
            return min;
        }
        var text = result.Tokens[^1].Value;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : Fail<int>(result, max == int.MaxValue
                ? $"{name} takes a whole number of at least {min}, not '{text}'."
                : $"{name} takes a whole number from {min} to {max:N0}, not '{text}'.");
    }

    private static TimeSpan? ParseDuration(ArgumentResult result, string name, TimeSpan max)
    {
        var parsed = DurationParser.Parse(result.Tokens[^1].Value, max);
        return parsed.Success ? parsed.Value : Fail<TimeSpan?>(result, $"{name}: {parsed.Error}");
    }

    private static T Fail<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }
}
