namespace PartnerCenter.Observability;

/// <summary>One documented Partner Center error: an HTTP status, an error code (absent for a few rows) and its description template.</summary>
public sealed class PartnerCenterErrorDefinition
{
    internal PartnerCenterErrorDefinition(int statusCode, string? code, PartnerCenterErrorCategory category, string template, string source, string[]? otherWordings = null)
    {
        StatusCode = statusCode;
        Code = code;
        Category = category;
        Template = template;
        Source = source;
        OtherWordings = otherWordings ?? [];
        Matcher = new DescriptionTemplate(template);
    }

    /// <summary>
    /// The HTTP status the documentation gives for this error; 0 when no source gives one (such a row is matched by its
    /// code alone), and 200 for the items some APIs return inside a successful response, which the handler never reads.
    /// </summary>
    public int StatusCode { get; }

    /// <summary>The Partner Center error code, such as <c>800020</c>; <see langword="null"/> for the rows documented without one.</summary>
    public string? Code { get; }

    /// <summary>What kind of failure this error is.</summary>
    public PartnerCenterErrorCategory Category { get; }

    /// <summary>Whether retrying the same request unchanged may succeed: true for transient errors and for HTTP 429.</summary>
    public bool IsRetryable => PartnerCenterErrorClassifier.IsRetryable(Category, StatusCode);

    /// <summary>The documented description, with its <c>{0}</c>, <c>{1}</c> placeholders.</summary>
    public string Template { get; }

    /// <summary>Where this row is documented, as a short source name: <c>error-codes</c> for the seed edition of Microsoft's error-code page, the edition or the docs page otherwise (see docs/error-categories.md).</summary>
    public string Source { get; }

    /// <summary>Other wordings of the same error in other editions or pages: same meaning, same category.</summary>
    public IReadOnlyList<string> OtherWordings { get; internal set; }

    /// <summary>Rows with the same (status, code) but another meaning, documented by another API; told apart by their description.</summary>
    internal PartnerCenterErrorDefinition[] Variants { get; set; } = [];

    internal DescriptionTemplate Matcher { get; }

    /// <summary>Whether a description is this error: its template with values in place of <c>{0}</c>, or one of its other wordings (ignoring case, surrounding white space and a trailing full stop).</summary>
    /// <param name="description">The description as a response or a docs page gives it.</param>
    /// <returns><see langword="true"/> when the description is this error's.</returns>
    public bool MatchesDescription(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (Matcher.IsMatch(description))
        {
            return true;
        }

        foreach (var wording in OtherWordings)
        {
            if (new DescriptionTemplate(wording).IsMatch(description))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The variant of this row whose template matches the description; this row when none does.</summary>
    internal PartnerCenterErrorDefinition Resolve(ReadOnlySpan<char> description)
    {
        foreach (var variant in Variants)
        {
            if (variant.Matcher.IsMatch(description))
            {
                return variant;
            }
        }

        return this;
    }

    /// <inheritdoc />
    public override string ToString() => $"{(StatusCode == 0 ? "-" : StatusCode)} {Code ?? "-"} {Category.ToTagValue()}: {Template}";
}
