using System.Globalization;

namespace Spacegate.Server.Durations;

/// <summary>Outcome of <see cref="DurationParser.Parse"/>: exactly one of <see cref="Value"/> and <see cref="Error"/> is set.</summary>
public sealed record DurationParseResult(TimeSpan? Value, string? Error)
{
    public bool Success => Value is not null;
}

/// <summary>
/// Parses user-supplied durations: ISO-8601 (<c>PT10M</c>, <c>PT1H30M</c>, <c>P1D</c>, <c>P1DT2H</c>, <c>P1W</c>)
/// or shorthand digits plus a lowercase unit letter (<c>30s</c>, <c>5m</c>, <c>24h</c>, <c>1d</c>).
/// </summary>
/// <remarks>
/// Deliberately strict so every accepted string has one obvious meaning (unlike the culture-, sign- and
/// fraction-tolerant <see cref="TimeSpan.Parse(string)"/>): whole seconds, ASCII digits (at most 9 per number, so
/// nothing overflows), no signs, no years/months (calendar-dependent), uppercase ISO designators in canonical order,
/// lowercase shorthand units. The hand-written scanner is linear: no regex, no backtracking.
/// </remarks>
public static class DurationParser
{
    private const int MaxDigits = 9;
    private const int MaxEchoLength = 40;
    private const long SecondsPerMinute = 60, SecondsPerHour = 3_600, SecondsPerDay = 86_400, SecondsPerWeek = 604_800;
    private const string Formats = "ISO-8601 (PT10M, PT1H30M, P1D) or digits plus a unit letter (30s, 5m, 24h, 1d)";

    private static readonly (char Designator, long Seconds)[] DateUnits = [('W', SecondsPerWeek), ('D', SecondsPerDay)];
    private static readonly (char Designator, long Seconds)[] TimeUnits = [('H', SecondsPerHour), ('M', SecondsPerMinute), ('S', 1)];

    /// <summary>Parses <paramref name="input"/>; never throws for any string.</summary>
    /// <param name="maximum">Largest accepted duration; rounded down to whole seconds, must be at least one second.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maximum"/> is shorter than one second.</exception>
    public static DurationParseResult Parse(string? input, TimeSpan maximum)
    {
        long maxSeconds = maximum.Ticks / TimeSpan.TicksPerSecond;
        if (maxSeconds < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maximum), maximum, "The maximum duration must be at least one second.");
        }

        string max = FormatShorthand(maxSeconds);
        string text = input?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return Fail($"A duration is required: use {Formats}, greater than zero and at most {max}.");
        }

        long? seconds = text[0] == 'P' ? ScanIso(text) : ScanShorthand(text);
        return seconds switch
        {
            null => Fail($"Invalid duration '{Echo(text)}': use {Formats}, greater than zero and at most {max}."),
            0 => Fail($"Duration '{Echo(text)}' must be greater than zero: use {Formats}, at most {max}."),
            long s when s > maxSeconds => Fail($"Duration '{Echo(text)}' exceeds the maximum of {max}."),
            long s => new DurationParseResult(TimeSpan.FromTicks(s * TimeSpan.TicksPerSecond), null),
        };
    }

    private static DurationParseResult Fail(string error) => new(null, error);

    // <digits><s|m|h|d>, nothing else.
    private static long? ScanShorthand(string text)
    {
        int pos = 0;
        long? number = ScanNumber(text, ref pos);
        long unit = pos != text.Length - 1 ? 0
            : text[pos] switch { 's' => 1, 'm' => SecondsPerMinute, 'h' => SecondsPerHour, 'd' => SecondsPerDay, _ => 0 };
        return number is null || unit == 0 ? null : number * unit;
    }

    // P[nW][nD][T[nH][nM][nS]]: at least one component overall, and at least one after a T.
    private static long? ScanIso(string text)
    {
        int pos = 1;
        long? date = ScanComponents(text, ref pos, DateUnits);
        if (date is null || pos == text.Length || text[pos] != 'T')
        {
            return pos > 1 && pos == text.Length ? date : null; // a bare "P" has no component
        }

        int timeStart = ++pos;
        long? time = ScanComponents(text, ref pos, TimeUnits);
        return time is null || pos == timeStart || pos != text.Length ? null : date + time;
    }

    // Zero or more "<digits><designator>" pairs; designators must follow the table's order, each at most once.
    private static long? ScanComponents(string text, ref int pos, (char Designator, long Seconds)[] units)
    {
        long total = 0;
        int next = 0;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            long? number = ScanNumber(text, ref pos);
            if (number is null || pos == text.Length)
            {
                return null;
            }

            char designator = text[pos];
            int i = Array.FindIndex(units, next, u => u.Designator == designator);
            if (i < 0)
            {
                return null;
            }

            total += number.Value * units[i].Seconds; // <= 999,999,999 * 604,800 per unit: far below long.MaxValue.
            next = i + 1;
            pos++;
        }

        return total;
    }

    // 1 to MaxDigits ASCII digits; null when there are none or too many.
    private static long? ScanNumber(string text, ref int pos)
    {
        int start = pos;
        long value = 0;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            if (pos - start == MaxDigits)
            {
                return null;
            }

            value = (value * 10) + (text[pos++] - '0');
        }

        return pos == start ? null : value;
    }

    // Largest whole unit, except that days are only used beyond 24h (the spec's messages read "at most 24h").
    private static string FormatShorthand(long seconds)
    {
        (long divisor, char unit) = seconds > SecondsPerDay && seconds % SecondsPerDay == 0 ? (SecondsPerDay, 'd')
            : seconds % SecondsPerHour == 0 ? (SecondsPerHour, 'h')
            : seconds % SecondsPerMinute == 0 ? (SecondsPerMinute, 'm')
            : (1L, 's');
        return (seconds / divisor).ToString(CultureInfo.InvariantCulture) + unit;
    }

    // Bounded and printable, so arbitrary input cannot bloat or break a log line.
    private static string Echo(string text)
    {
        int length = Math.Min(text.Length, MaxEchoLength);
        if (length < text.Length && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        string shown = length < text.Length ? text[..length] + "..." : text;
        return string.Concat(shown.Select(c => char.IsControl(c) ? '?' : c));
    }
}
