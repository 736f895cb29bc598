using System.Globalization;

namespace Spacegate.Server.Models.Search;

/// <summary>
/// An ISO-8601 date or date-time from a query, with the span it stands for: <c>2024-01-01</c> is that whole UTC day,
/// <c>2024-01-01T10:00Z</c> that minute, <c>2024-01-01T10:00:00Z</c> that second, and a value with a fraction
/// (<c>10:00:00.5Z</c>) the exact instant. A time without an offset is read as UTC.
/// </summary>
internal readonly record struct SearchDate(DateTimeOffset Start, TimeSpan Span)
{
    private const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;

    private static readonly (string Format, TimeSpan Span)[] Formats =
    [
        ("yyyy-MM-dd", TimeSpan.FromDays(1)),
        ("yyyy-MM-dd'T'HH:mmK", TimeSpan.FromMinutes(1)),
        ("yyyy-MM-dd'T'HH:mm:ssK", TimeSpan.FromSeconds(1)),
        ("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", TimeSpan.Zero),
    ];

    public const string Hint = "Use ISO-8601, e.g. 2024-01-01 or 2024-01-01T10:00:00Z.";

    public bool IsInstant => Span == TimeSpan.Zero;

    /// <summary>The first instant after the span, or null when that is past <see cref="DateTimeOffset.MaxValue"/>.</summary>
    public DateTimeOffset? End => DateTimeOffset.MaxValue - Start < Span ? null : Start + Span;

    public static bool TryParse(string text, out SearchDate date)
    {
        foreach (var (format, span) in Formats)
        {
            if (DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, Styles, out var value))
            {
                date = new SearchDate(value.ToUniversalTime(), span);
                return true;
            }
        }
        date = default;
        return false;
    }
}
