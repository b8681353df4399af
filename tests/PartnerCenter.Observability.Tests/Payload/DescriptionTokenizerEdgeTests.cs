using System.Text;
using PartnerCenter.Observability.Payload;

namespace PartnerCenter.Observability.Tests.Payload;

/// <summary>
/// How <see cref="DescriptionTokenizer"/> splits a chunk: openings and closings around a URL or an IPv6 address,
/// joiners at either end of a compound, apostrophes between letters, and the segments covering the text exactly.
/// </summary>
public sealed class DescriptionTokenizerEdgeTests
{
    /// <summary>Each segment as kind (or shape) and the text it covers: "W:word", "P:(", "{url}:http://x", "_" for a space.</summary>
    private static string Render(string text) => string.Join("|", DescriptionTokenizer.Tokenize(text).Select(s => s.Kind switch
    {
        DescriptionSegmentKind.Space => "_",
        DescriptionSegmentKind.Shape => $"{s.Shape}:{text.AsSpan(s.Start, s.Length)}",
        _ => $"{s.Kind.ToString()[0]}:{text.AsSpan(s.Start, s.Length)}",
    }));

    [Theory]
    [InlineData("(")]
    [InlineData("[")]
    [InlineData("{")]
    [InlineData("\"")]
    [InlineData("'")]
    [InlineData("<")]
    [InlineData("`")]
    public void An_opening_before_a_url_stays_punctuation(string opening) =>
        Assert.Equal($"W:see|_|P:{opening}|{{url}}:http://x.com", Render($"see {opening}http://x.com"));

    [Theory]
    [InlineData(".")]
    [InlineData(",")]
    [InlineData(";")]
    [InlineData(":")]
    [InlineData("!")]
    [InlineData("?")]
    [InlineData(")")]
    [InlineData("]")]
    [InlineData("}")]
    [InlineData("\"")]
    [InlineData("'")]
    [InlineData(">")]
    [InlineData("`")]
    public void A_closing_after_a_url_stays_punctuation(string closing) =>
        Assert.Equal($"{{url}}:http://x.com|P:{closing}|_|W:now", Render($"http://x.com{closing} now"));

    [Theory]
    [InlineData("see (http://x.com) now", "W:see|_|P:(|{url}:http://x.com|P:)|_|W:now")]
    [InlineData("[fe80::1]", "P:[|{ip}:fe80::1|P:]")]
    [InlineData("-1", "P:-|N:1")]
    [InlineData("well-", "W:well|P:-")]
    [InlineData("x1--", "{id}:x1|P:-|P:-")]
    [InlineData("a -- an", "W:a|_|P:-|P:-|_|W:an")]
    [InlineData(".banana", "P:.|W:banana")]
    [InlineData("@bob", "{email}:@bob")]
    [InlineData("bob@", "{email}:bob@")]
    [InlineData("meet @ noon", "W:meet|_|P:@|_|W:noon")]
    [InlineData("isn't", "W:isn't")]
    [InlineData("v2'test", "{id}:v2|P:'|W:test")]
    [InlineData("test'2", "W:test|P:'|N:2")]
    [InlineData("test'-test", "W:test|P:'|P:-|W:test")]
    [InlineData("x \u0080y", "W:x|_|{redacted}:\u0080y")]
    [InlineData("  a  an  ", "W:a|_|W:an")]
    public void Each_chunk_splits_into_its_segments(string text, string expected) =>
        Assert.Equal(expected, Render(text));

    [Fact]
    public void The_list_is_the_calling_thread_s_and_reused_by_its_next_call()
    {
        var first = DescriptionTokenizer.Tokenize("one two");
        Assert.Equal(3, first.Count);
        var second = DescriptionTokenizer.Tokenize("three");
        Assert.Same(first, second);
        Assert.Single(second);
    }

    /// <summary>
    /// The rule on seeded random text of every character class: the segments, in order, cover the text exactly, spaces
    /// collapsed to one and trimmed; punctuation is one ASCII character that is neither a letter nor a digit; no segment
    /// is empty.
    /// </summary>
    [Fact]
    public void Segments_cover_the_text_in_order_with_single_spaces()
    {
        const string alphabet = "abcdefXYZ0123456789 .-_@+~#%'\":;=/()[]{}<>?!&,`*\u0080\u00E9";
        var random = new Random(2929);
        for (var n = 0; n < 3_000; n++)
        {
            var chars = new char[random.Next(1, 60)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            var expected = string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            var covered = new StringBuilder();
            var next = 0;
            foreach (var segment in DescriptionTokenizer.Tokenize(text))
            {
                Assert.True(segment.Start >= next && segment.Length > 0, $"segment at {segment.Start} in '{text}'");
                if (segment.Kind == DescriptionSegmentKind.Punctuation)
                {
                    var c = text[segment.Start];
                    Assert.True(segment.Length == 1 && c < 0x80 && !char.IsAsciiLetterOrDigit(c), $"punctuation '{c}' in '{text}'");
                }

                covered.Append(text, segment.Start, segment.Length);
                next = segment.Start + segment.Length;
            }

            Assert.Equal(expected, covered.ToString());
        }
    }
}
