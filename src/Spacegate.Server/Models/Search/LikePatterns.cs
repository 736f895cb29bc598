using System.Text;

namespace Spacegate.Server.Models.Search;

/// <summary>
/// <c>LIKE</c> patterns built from user text with the wildcards escaped (escape character <c>\</c>), so that
/// <c>50%</c> or <c>a_b</c> are searched literally.
/// </summary>
internal static class LikePatterns
{
    public static string Contains(string text) => $"%{Escape(text)}%";

    public static string StartsWith(string text) => $"{Escape(text)}%";

    public static string Exactly(string text) => Escape(text);

    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 4);
        foreach (char c in text)
        {
            if (c is '\\' or '%' or '_')
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>Length as SQLite's substr() counts it: in code points, so a surrogate pair is one character.</summary>
    public static int CodePointLength(string text) => text.EnumerateRunes().Count();
}
