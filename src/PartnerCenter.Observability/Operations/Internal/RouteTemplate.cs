namespace PartnerCenter.Observability.Operations;

/// <summary>A route template split into its segments; a segment in braces (<c>{customer_id}</c>) matches any segment.</summary>
internal sealed class RouteTemplate
{
    public RouteTemplate(string text, bool isUser)
    {
        Text = text;
        IsUser = isUser;
        Segments = text.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        LiteralCount = Segments.Count(s => !IsPlaceholder(s));
    }

    public string Text { get; }

    /// <summary>Whether the app configured it (<c>PartnerCenterTelemetryOptions.RouteTemplates</c>), not the built-in table.</summary>
    public bool IsUser { get; }

    public string[] Segments { get; }

    public int LiteralCount { get; }

    public static bool IsPlaceholder(string segment) => segment.Length > 2 && segment[0] == '{' && segment[^1] == '}';
}
