using System.Globalization;
using System.Text;

namespace PartnerCenter.Observability.Telemetry;

/// <summary>
/// Makes a string safe to write into log text and exception messages: control characters (CR, LF, ESC, NUL, ...) and
/// Unicode format characters (zero-width spaces, bidi overrides) are removed, so that no value can forge a log line,
/// drive a terminal or reorder what a reader sees.
/// </summary>
internal static class LogText
{
    /// <summary>The text without control and format characters (a line break becomes a space); the same instance when clean.</summary>
    public static string StripControlCharacters(string text)
    {
        var first = 0;
        while (first < text.Length && !IsUnsafe(text[first]))
        {
            first++;
        }

        if (first == text.Length)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n' or '\t')
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else if (!IsUnsafe(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="c"/> is a control or a format character.</summary>
    public static bool IsUnsafe(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;
}
