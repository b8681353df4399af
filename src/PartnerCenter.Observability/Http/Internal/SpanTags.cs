using System.Diagnostics;

namespace PartnerCenter.Observability.Http;

/// <summary>Appends tags to a span the handler started, leaving out values it does not have.</summary>
internal static class SpanTags
{
    /// <summary>
    /// Appends the tag when there is a value. For a key not yet on the span this is what <see cref="Activity.SetTag"/>
    /// does, without its search of the tag list (and a null value there would only search for a key to remove).
    /// </summary>
    public static void AddIfNotNull(Activity activity, string key, object? value)
    {
        if (value is not null)
        {
            activity.AddTag(key, value);
        }
    }
}
