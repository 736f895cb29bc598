using System.Globalization;
using Spacegate.Server.Durations;

namespace Spacegate.Server.Audit;

/// <summary>A point in time for audit filters: an ISO-8601 date or date-time (UTC unless it says otherwise), or a duration ago (7d, PT12H).</summary>
public static class AuditTime
{
    /// <summary>Whether <paramref name="input"/> is a date or a duration ago. Needs no clock: an age is counted back from the
    /// clock only when the value is used (<see cref="TryParse"/>).</summary>
    public static bool IsValid(string? input, out string? error) => TryParse(input, DateTimeOffset.MaxValue, out _, out error);

    public static bool TryParse(string? input, DateTimeOffset now, out DateTimeOffset value, out string? error)
    {
        value = default;
        error = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            error = "A date (2026-11-29, 2026-11-29T14:00Z) or a duration ago (7d, 12h) is required.";
            return false;
        }
        input = input.Trim();
        if (DateTimeOffset.TryParse(input, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
        {
            return true;
        }
        var ago = DurationParser.Parse(input, TimeSpan.FromDays(3650));
        if (ago.Value is { } span)
        {
            value = now - span;
            return true;
        }
        error = $"'{(input.Length > 40 ? input[..40] : input)}' is neither a date (2026-11-29, 2026-11-29T14:00Z) nor a duration ago (7d, 12h).";
        return false;
    }
}
