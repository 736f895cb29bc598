using System.Globalization;
using System.Text;

namespace Spacegate.Tests.Search;

/// <summary>
/// Random well-formed queries drawn from the grammar: nested AND/OR/NOT/-/parentheses over every field kind, with
/// escaped special characters, phrases, prefixes, every date format and range bracket. Stays within the parser's
/// limits (at most about 30 terms, nesting under 16, well under 1000 characters).
/// </summary>
internal sealed class SearchQueryGenerator(Random random)
{
    private const int MaxGroupDepth = 4;
    private const int MaxNotDepth = 10;

    private static readonly string[] Words =
    [
        "kitchen", "Kitchen", "KITCH", "oak", "studio", "loft", "paris", "London", "garden", "open", "plan", "flat",
        "café", "Café", "é", "50%", "%", "_", "o_f", @"back\slash", @"\", "a:b", "(x)", "[y]", "{z}", "spring", "field",
        "SW1A", "750", "rue", "and", "or", "to", "TO", "AND", "OR", "NOT", "-dash", "two words", "x*y", "\"quoted\"",
        "ab", "AB", "1", "\t",
    ];

    private static readonly string[] ExactValues =
        ["ABC-100", "abc-100", "AB", "ab", "A", "XYZ_9", "XYZ", "ÉTÉ", "été", "750", "75001", "SW1A 1AA", "sw1a", "fr",
         "FR", "US", "us", "F", "0", "3000", "B-15", "%", "_"];

    private static readonly string[] States = ["active", "inactive", "ACTIVE", "Inactive"];
    private static readonly string[] Visibilities = ["private", "unlisted", "public", "password", "PUBLIC", "Password"];
    private static readonly string[] TextFields = ["name", "description", "address.locality", "Name"];
    private static readonly string[] ExactFields = ["internalId", "address.postalCode", "address.countryCode"];

    private static readonly DateTimeOffset[] Instants =
    [
        At("2023-06-01T00:00:00"), At("2023-12-31T23:59:59"), At("2024-01-01T00:00:00"), At("2024-01-01T12:00:00"),
        At("2024-01-01T23:59:59"), At("2024-01-02T00:00:00"), At("2024-02-15T10:00:00"), At("2024-07-01T00:00:00"),
        At("2024-12-31T23:59:59"), At("2025-01-01T00:00:00"), At("2025-01-15T08:00:00"),
    ];

    private int _budget;

    public string Next()
    {
        _budget = random.Next(1, 25);
        return Or(0);
    }

    private string Or(int depth) => Join(() => And(depth), () => Pick(" OR ", "  OR ", " OR\t"));

    private string And(int depth) => Join(() => Unary(depth), () => Pick(" ", "  ", " AND ", "\t", " AND\n"));

    private string Join(Func<string> part, Func<string> separator)
    {
        var text = new StringBuilder(part());
        int more = random.Next(3);
        for (int i = 0; i < more && _budget > 0; i++)
        {
            text.Append(separator()).Append(part());
        }
        return text.ToString();
    }

    private string Unary(int depth)
    {
        int roll = random.Next(100);
        if (roll < 8 && depth < MaxNotDepth)
        {
            return Pick("NOT ", "NOT  ") + Unary(depth + 1);
        }
        if (roll < 16 && depth < MaxNotDepth)
        {
            return "-" + Primary(depth + 1);
        }
        return Primary(depth);
    }

    private string Primary(int depth)
    {
        if (depth < MaxGroupDepth && _budget >= 2 && random.Next(100) < 20)
        {
            return Pick("(", "( ") + Or(depth + 1) + Pick(")", " )");
        }
        _budget--;
        return random.Next(10) switch
        {
            0 => "*",
            1 or 2 => Phrase(Pick(Words)),
            3 or 4 => Bare(Pick(Words)) + (random.Next(4) == 0 ? "*" : ""),
            5 => Pick(TextFields) + ":" + TextValue(),
            6 => Pick(ExactFields) + ":" + ExactValue(),
            7 => random.Next(2) == 0 ? "state:" + Pick(States) : "accessVisibility:" + Pick(Visibilities),
            _ => Pick("created:", "modified:") + DateValue(),
        };
    }

    private string TextValue() => random.Next(6) switch
    {
        0 => "*",
        1 => Phrase(Pick(Words)),
        2 => Bare(Pick(Words)) + "*",
        _ => Bare(Pick(Words)),
    };

    private string ExactValue() => random.Next(6) switch
    {
        0 => "*",
        1 => Phrase(Pick(ExactValues)),
        2 => Bare(Pick(ExactValues)) + "*",
        _ => Bare(Pick(ExactValues)),
    };

    private string DateValue()
    {
        int roll = random.Next(10);
        if (roll == 0)
        {
            return "*";
        }
        if (roll < 4)
        {
            return Date();
        }
        string from = random.Next(4) == 0 ? "*" : Date();
        string to = random.Next(4) == 0 ? "*" : Date();
        return Pick("[", "{") + Pick("", " ") + from + Pick(" TO ", "  TO  ") + to + Pick("", " ") + Pick("]", "}");
    }

    private string Date()
    {
        // Near a stored timestamp so that both sides of each bound occur; whole milliseconds keep every instant
        // exactly representable by the SQLite converter (100 ns ticks / 1000).
        var instant = Pick(Instants).AddSeconds(random.Next(5) == 0 ? random.Next(-2, 3) : 0)
            .AddMilliseconds(random.Next(8) == 0 ? random.Next(-500, 500) : 0);
        var offset = TimeSpan.FromMinutes(30 * random.Next(-24, 25));
        var local = instant.ToOffset(offset);
        string zone = offset == TimeSpan.Zero ? Pick("Z", "+00:00", "") : local.ToString("zzz", CultureInfo.InvariantCulture);
        string text = random.Next(6) switch
        {
            0 => instant.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            1 => local.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) + zone,
            2 => local.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + zone,
            _ => local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + zone,
        };
        return random.Next(10) == 0 ? $"\"{text}\"" : text;
    }

    /// <summary>A word with every special character escaped, so it reads back as exactly <paramref name="word"/>.</summary>
    private static string Bare(string word)
    {
        var text = new StringBuilder();
        for (int i = 0; i < word.Length; i++)
        {
            char c = word[i];
            bool special = char.IsWhiteSpace(c) || c is '(' or ')' or '"' or ':' or '[' or ']' or '{' or '}' or '*' or '\\'
                || (i == 0 && (c == '-' || word is "AND" or "OR" or "NOT"));
            text.Append(special ? "\\" : "").Append(c);
        }
        return text.ToString();
    }

    private static string Phrase(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private T Pick<T>(params T[] options) => options[random.Next(options.Length)];

    private static DateTimeOffset At(string utc) =>
        DateTimeOffset.Parse(utc + "Z", CultureInfo.InvariantCulture).ToUniversalTime();
}
