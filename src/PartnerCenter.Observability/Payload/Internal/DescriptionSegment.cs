namespace PartnerCenter.Observability.Payload;

/// <summary>What a piece of a normalised description is, and so how it may be written out.</summary>
internal enum DescriptionSegmentKind : byte
{
    /// <summary>One space between chunks.</summary>
    Space,

    /// <summary>One ASCII punctuation character, written as it is.</summary>
    Punctuation,

    /// <summary>Known words (joined by <c>-</c>, <c>_</c> or <c>.</c>), written as they are.</summary>
    Word,

    /// <summary>Digits (perhaps with <c>.</c> or <c>-</c>), written as they are only when short and alone.</summary>
    Number,

    /// <summary>Anything else: written as its shape, never its text.</summary>
    Shape,
}

/// <summary>A piece of a normalised description: its place in the text and, for a shape, the shape written instead.</summary>
internal struct DescriptionSegment(DescriptionSegmentKind kind, int start, int length, string? shape = null, int digits = 0)
{
    public DescriptionSegmentKind Kind = kind;
    public int Start = start;
    public int Length = length;
    public string? Shape = shape;
    public int Digits = digits;

    public readonly bool IsText => Kind is DescriptionSegmentKind.Word or DescriptionSegmentKind.Shape or DescriptionSegmentKind.Number;

    public readonly bool IsPunctuation(ReadOnlySpan<char> text, char c) => Kind == DescriptionSegmentKind.Punctuation && text[Start] == c;
}
