using System.Text;
using PartnerCenter.Observability.Telemetry;

namespace PartnerCenter.Observability.Classification;

/// <summary>
/// Turns a body's <c>errorName</c> and the exception named in its <c>data</c> into words the fallback rules can read:
/// <c>LicenseQuotaExceededException</c> becomes "License Quota Exceeded Exception".
/// </summary>
internal static class FallbackHints
{
    public static string? Describe(string? errorName, string? exceptionName)
    {
        if (string.IsNullOrEmpty(errorName) && string.IsNullOrEmpty(exceptionName))
        {
            return null;
        }

        var text = new StringBuilder();
        AppendWords(text, errorName);
        AppendWords(text, exceptionName);
        return text.ToString();
    }

    private static void AppendWords(StringBuilder text, string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var span = name.AsSpan(0, Math.Min(name.Length, TelemetryLimits.MaxHintLength));
        var lastDot = span.LastIndexOf('.');
        span = span[(lastDot + 1)..];
        text.Append(' ');
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (i > 0 && char.IsUpper(c) && (char.IsLower(span[i - 1]) || (i + 1 < span.Length && char.IsLower(span[i + 1]))))
            {
                text.Append(' ');
            }

            text.Append(c is '_' or '-' ? ' ' : c);
        }
    }
}
