namespace PartnerCenter.Observability;

/// <summary>One documented Partner Center error: an HTTP status, an error code (absent for a few rows) and its description template.</summary>
public sealed class PartnerCenterErrorDefinition
{
    internal PartnerCenterErrorDefinition(int statusCode, string? code, PartnerCenterErrorCategory category, string template)
    {
        StatusCode = statusCode;
        Code = code;
        Category = category;
        Template = template;
        Matcher = new DescriptionTemplate(template);
    }

    /// <summary>The HTTP status the documentation gives for this error.</summary>
    public int StatusCode { get; }

    /// <summary>The Partner Center error code, such as <c>800020</c>; <see langword="null"/> for the rows documented without one.</summary>
    public string? Code { get; }

    /// <summary>What kind of failure this error is.</summary>
    public PartnerCenterErrorCategory Category { get; }

    /// <summary>Whether retrying the same request unchanged may succeed: true for transient errors and for HTTP 429.</summary>
    public bool IsRetryable => PartnerCenterErrorClassifier.IsRetryable(Category, StatusCode);

    /// <summary>The documented description, with its <c>{0}</c>, <c>{1}</c> placeholders.</summary>
    public string Template { get; }

    internal DescriptionTemplate Matcher { get; }

    /// <inheritdoc />
    public override string ToString() => $"{StatusCode} {Code ?? "-"} {Category.ToTagValue()}: {Template}";
}
