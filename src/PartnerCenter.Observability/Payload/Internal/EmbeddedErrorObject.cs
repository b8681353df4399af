using System.Text;

namespace PartnerCenter.Observability.Payload;

/// <summary>
/// A description that is itself a JSON object (an address-validation 400 sends its result as a JSON string in
/// <c>description</c>): the inner object's code and message are read with the same bounded reader, and its keys and
/// other values are never read as words (docs/error-categories.md, "What the body says").
/// </summary>
internal static class EmbeddedErrorObject
{
    /// <summary>Whether the text looks like a JSON object: it starts with <c>{</c> and ends with <c>}</c>, ignoring white space.</summary>
    public static bool IsJsonObject(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        return text.Length >= 2 && text[0] == '{' && text[^1] == '}';
    }

    /// <summary>Reads the code and message of a description that is a JSON object.</summary>
    /// <param name="description">The description.</param>
    /// <param name="maxBytes">The reader's byte limit.</param>
    /// <param name="code">The inner code, or <see langword="null"/>.</param>
    /// <param name="message">The inner description or message, or <see langword="null"/> (then the text says nothing readable).</param>
    /// <returns><see langword="true"/> when the description is a JSON object (even one with nothing readable in it).</returns>
    public static bool TryRead(string description, int maxBytes, out string? code, out string? message)
    {
        code = null;
        message = null;
        if (!IsJsonObject(description))
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(description.Trim());
        var read = PartnerCenterPayloadReader.Read(bytes, maxBytes);
        if (read.Outcome is PartnerCenterPayloadOutcome.Invalid)
        {
            // Not JSON after all ("{0} is not valid {1}" would not get here; a brace-wrapped note might): read it as text.
            return false;
        }

        code = read.Code.DecodeOrNull(bytes);
        message = read.Description.DecodeOrNull(bytes);
        return true;
    }
}
