namespace PartnerCenter.Observability.Classification;

/// <summary>
/// The description rules for codes no catalogue row knows (docs/error-categories.md, "Fallback rules"). Each signal is a
/// phrase that starts a word, drawn from a category's definition, with a weight for how specific it is. The category
/// of the heaviest signal found wins; on a tie the earlier category in <see cref="TieOrder"/> wins. No signal ever
/// yields <see cref="PartnerCenterErrorCategory.Transient"/>: a 4xx that says "then try again" means "after you fix
/// something", so only the status (408, 429, 5xx) or a catalogue row can make an error retryable.
/// </summary>
internal static class FallbackRules
{
    /// <summary>Strong: the phrase names the category's concept outright.</summary>
    private const int Strong = 3;

    /// <summary>Usual: the phrase usually means the category.</summary>
    private const int Usual = 2;

    /// <summary>Weak: a hint, outweighed by any stronger signal of another category.</summary>
    private const int Weak = 1;

    private static readonly PartnerCenterErrorCategory[] TieOrder =
    [
        PartnerCenterErrorCategory.Conflict,
        PartnerCenterErrorCategory.Quota,
        PartnerCenterErrorCategory.Eligibility,
        PartnerCenterErrorCategory.Auth,
        PartnerCenterErrorCategory.Validation,
    ];

    // Stryker disable String : phrase table (data, static): an emptied phrase matches every text; each phrase is tested by name
    internal static readonly FallbackSignal[] Signals =
    [
        // Quota: count, seat and licence limits, and maximums.
        new("quota", PartnerCenterErrorCategory.Quota, Strong),
        new("too many", PartnerCenterErrorCategory.Quota, Strong),
        new("run out of", PartnerCenterErrorCategory.Quota, Strong),
        new("ran out of", PartnerCenterErrorCategory.Quota, Strong),
        new("out of licenses", PartnerCenterErrorCategory.Quota, Strong),
        new("available licenses", PartnerCenterErrorCategory.Quota, Strong),
        new("limit", PartnerCenterErrorCategory.Quota, Usual),
        new("exceed", PartnerCenterErrorCategory.Quota, Usual),
        new("maximum", PartnerCenterErrorCategory.Quota, Usual),
        new("exhausted", PartnerCenterErrorCategory.Quota, Usual),

        // Eligibility: the state of the partner, customer, offer or subscription forbids the call.
        new("not eligible", PartnerCenterErrorCategory.Eligibility, Strong),
        new("must be active", PartnerCenterErrorCategory.Eligibility, Strong),
        new("current state", PartnerCenterErrorCategory.Eligibility, Strong),
        new("required to purchase", PartnerCenterErrorCategory.Eligibility, Strong),
        new("cannot be migrated", PartnerCenterErrorCategory.Eligibility, Strong),
        new("can't be migrated", PartnerCenterErrorCategory.Eligibility, Strong),
        new("credit", PartnerCenterErrorCategory.Eligibility, Strong),
        new("ineligible", PartnerCenterErrorCategory.Eligibility, Strong),
        new("not active", PartnerCenterErrorCategory.Eligibility, Strong),
        new("isn't active", PartnerCenterErrorCategory.Eligibility, Strong),
        new("aren't active", PartnerCenterErrorCategory.Eligibility, Strong),
        new("inactive", PartnerCenterErrorCategory.Eligibility, Strong),
        new("not available in", PartnerCenterErrorCategory.Eligibility, Strong),
        new("not yet available", PartnerCenterErrorCategory.Eligibility, Strong),
        new("no longer available", PartnerCenterErrorCategory.Eligibility, Strong),
        new("not onboarded", PartnerCenterErrorCategory.Eligibility, Strong),
        new("attestation", PartnerCenterErrorCategory.Eligibility, Strong),
        new("under review", PartnerCenterErrorCategory.Eligibility, Strong),
        new("not approved", PartnerCenterErrorCategory.Eligibility, Strong),
        new("not signed", PartnerCenterErrorCategory.Eligibility, Strong),
        new("hasn't signed", PartnerCenterErrorCategory.Eligibility, Strong),
        new("eligib", PartnerCenterErrorCategory.Eligibility, Usual),
        new("suspended", PartnerCenterErrorCategory.Eligibility, Usual),
        new("deleted", PartnerCenterErrorCategory.Eligibility, Usual),
        new("expired", PartnerCenterErrorCategory.Eligibility, Usual),
        new("disabled", PartnerCenterErrorCategory.Eligibility, Usual),
        new("not supported for", PartnerCenterErrorCategory.Eligibility, Usual),
        new("not available for", PartnerCenterErrorCategory.Eligibility, Usual),

        // A negation scoped to what it is for ("not valid for offer", "isn't supported for trial offers", "cannot be
        // purchased"): the thing named is not eligible, the request is not malformed. Level with the validation
        // phrases they contain ("not valid", "operation is not supported"), so that on a tie eligibility comes first.
        new("not valid for", PartnerCenterErrorCategory.Eligibility, Usual),
        new("isn't valid for", PartnerCenterErrorCategory.Eligibility, Usual),
        new("isn't supported for", PartnerCenterErrorCategory.Eligibility, Usual),
        new("cannot be purchased", PartnerCenterErrorCategory.Eligibility, Usual),
        new("can't be purchased", PartnerCenterErrorCategory.Eligibility, Usual),
        new("country", PartnerCenterErrorCategory.Eligibility, Usual),
        new("agreement", PartnerCenterErrorCategory.Eligibility, Usual),
        new("window", PartnerCenterErrorCategory.Eligibility, Usual),
        new("market", PartnerCenterErrorCategory.Eligibility, Weak),
        new("environment", PartnerCenterErrorCategory.Eligibility, Weak),

        // Conflict: concurrent or stale state.
        new("in progress", PartnerCenterErrorCategory.Conflict, Strong),
        new("being processed", PartnerCenterErrorCategory.Conflict, Strong),
        new("another request", PartnerCenterErrorCategory.Conflict, Strong),
        new("already exists", PartnerCenterErrorCategory.Conflict, Strong),
        new("etag", PartnerCenterErrorCategory.Conflict, Strong),
        new("being suspended", PartnerCenterErrorCategory.Conflict, Strong),
        new("being cancelled", PartnerCenterErrorCategory.Conflict, Strong),
        new("being canceled", PartnerCenterErrorCategory.Conflict, Strong),
        new("being deleted", PartnerCenterErrorCategory.Conflict, Strong),
        new("being provisioned", PartnerCenterErrorCategory.Conflict, Strong),
        new("being updated", PartnerCenterErrorCategory.Conflict, Strong),
        new("not ready", PartnerCenterErrorCategory.Conflict, Usual),
        new("concurren", PartnerCenterErrorCategory.Conflict, Usual),

        // Auth: who the caller is or what it may do.
        new("unauthori", PartnerCenterErrorCategory.Auth, Strong),
        new("not authorized", PartnerCenterErrorCategory.Auth, Strong),
        new("authori", PartnerCenterErrorCategory.Auth, Strong),
        new("authenticat", PartnerCenterErrorCategory.Auth, Strong),
        new("unauthenticated", PartnerCenterErrorCategory.Auth, Strong),
        new("permission", PartnerCenterErrorCategory.Auth, Strong),
        new("privilege", PartnerCenterErrorCategory.Auth, Strong),
        new("credential", PartnerCenterErrorCategory.Auth, Strong),
        new("token", PartnerCenterErrorCategory.Auth, Strong),
        new("access denied", PartnerCenterErrorCategory.Auth, Strong),
        new("conditional access", PartnerCenterErrorCategory.Auth, Strong),
        new("relationship", PartnerCenterErrorCategory.Auth, Strong),
        new("delegated admin", PartnerCenterErrorCategory.Auth, Strong),
        new("gdap", PartnerCenterErrorCategory.Auth, Strong),
        new("app only", PartnerCenterErrorCategory.Auth, Strong),
        new("app-only", PartnerCenterErrorCategory.Auth, Strong),
        new("app+user", PartnerCenterErrorCategory.Auth, Strong),
        new("app context", PartnerCenterErrorCategory.Auth, Strong),
        new("user context", PartnerCenterErrorCategory.Auth, Strong),
        new("role", PartnerCenterErrorCategory.Auth, Usual),
        new("consent", PartnerCenterErrorCategory.Auth, Usual),
        new("access to", PartnerCenterErrorCategory.Auth, Usual),

        // Validation: the request itself is wrong. Listed so that a plain input error is not pulled elsewhere by a weak hint.
        new("malformed", PartnerCenterErrorCategory.Validation, Strong),
        new("cannot be empty", PartnerCenterErrorCategory.Validation, Strong),
        new("minimum", PartnerCenterErrorCategory.Validation, Strong),
        new("operation isn't supported", PartnerCenterErrorCategory.Validation, Usual),
        new("operation is not supported", PartnerCenterErrorCategory.Validation, Usual),
        new("should be", PartnerCenterErrorCategory.Validation, Usual),
        new("must be", PartnerCenterErrorCategory.Validation, Usual),
        new("invalid", PartnerCenterErrorCategory.Validation, Usual),
        new("not valid", PartnerCenterErrorCategory.Validation, Usual),
        new("isn't valid", PartnerCenterErrorCategory.Validation, Usual),
        new("is required", PartnerCenterErrorCategory.Validation, Usual),
        new("format", PartnerCenterErrorCategory.Validation, Usual),
        new("missing", PartnerCenterErrorCategory.Validation, Usual),
    ];

    // Stryker restore String

    private static readonly FallbackSignal[][] ByStart = GroupByStart();

    /// <summary>The statuses whose category a description may refine: the ones that cover several kinds of failure.</summary>
    public static bool AppliesTo(int statusCode) => statusCode is 400 or 403 or 422;

    /// <summary>Finds the category the text's most specific signal names.</summary>
    /// <param name="statusCode">The HTTP status; the rules apply to 400, 403 and 422 only.</param>
    /// <param name="text">The description, with any error name and exception name the body gave.</param>
    /// <param name="category">The category found; never <see cref="PartnerCenterErrorCategory.Transient"/>.</param>
    /// <returns><see langword="true"/> when a signal was found.</returns>
    public static bool TryClassify(int statusCode, ReadOnlySpan<char> text, out PartnerCenterErrorCategory category)
    {
        category = PartnerCenterErrorCategory.Unknown;
        if (!AppliesTo(statusCode) || text.IsEmpty)
        {
            return false;
        }

        // Each place a word starts, the phrases that start with its first two letters: the same answer as every phrase
        // searched for in the whole text, for a few comparisons per word.
        var best = 0;
        for (var at = 0; at < text.Length; at++)
        {
            if (!char.IsLetter(text[at]) || (at > 0 && char.IsLetterOrDigit(text[at - 1])))
            {
                continue;
            }

            var rest = text[at..];
            foreach (var signal in rest.Length > 1 && Bucket(rest[0], rest[1]) is var bucket and >= 0 ? ByStart[bucket] : Signals)
            {
                if ((signal.Weight > best || (signal.Weight == best && Precedes(signal.Category, category))) && MayStart(rest, signal.Phrase) && rest.StartsWith(signal.Phrase, StringComparison.OrdinalIgnoreCase))
                {
                    best = signal.Weight;
                    category = signal.Category;
                }
            }
        }

        return best > 0;
    }

    /// <summary>
    /// A quick test before the full comparison: false when the text is too short for the phrase, or when the character
    /// under the phrase's last one is ASCII and not that character in either ASCII case (the phrases are ASCII).
    /// </summary>
    private static bool MayStart(ReadOnlySpan<char> text, string phrase) =>
        text.Length >= phrase.Length && (text[phrase.Length - 1] is var c && (c > '\x7f' || (c | 0x20) == (phrase[^1] | 0x20)));

    /// <summary>The bucket of a word's first two letters when both are ASCII letters (any case); otherwise -1, and every phrase is tried.</summary>
    private static int Bucket(char first, char second) =>
        char.IsAsciiLetter(first) && char.IsAsciiLetter(second) ? ((char.ToUpperInvariant(first) - 'A') * 26) + (char.ToUpperInvariant(second) - 'A') : -1;

    /// <summary>The phrases of each bucket; a phrase that does not start with two ASCII letters is in every bucket.</summary>
    private static FallbackSignal[][] GroupByStart() =>
        [.. Enumerable.Range(0, 26 * 26).Select(b => Array.FindAll(Signals, s => s.Phrase.Length < 2 || Bucket(s.Phrase[0], s.Phrase[1]) is var own && (own < 0 || own == b)))];

    private static bool Precedes(PartnerCenterErrorCategory candidate, PartnerCenterErrorCategory current) =>
        Array.IndexOf(TieOrder, candidate) < Array.IndexOf(TieOrder, current);
}
