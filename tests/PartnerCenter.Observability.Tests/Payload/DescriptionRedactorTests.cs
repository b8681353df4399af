using System.Text.RegularExpressions;
using PartnerCenter.Observability.Payload;

namespace PartnerCenter.Observability.Tests.Payload;

/// <summary>The allowlist: known words, short lone numbers and ASCII punctuation stay; anything else is its shape.</summary>
public sealed class DescriptionRedactorTests
{
    [Theory]
    [InlineData("Customer 5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11 not eligible.", "Customer {guid} not eligible.")]
    [InlineData("see /v1/customers/5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11/orders", "see /{id}/customers/{guid}/orders")]
    [InlineData("id:5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11,", "id:{guid},")]
    [InlineData("Contact (jane.doe@contoso.com) now", "Contact ({email}) now")]
    [InlineData("Order 1234567 failed; order 1234 failed", "Order {number} failed; order 1234 failed")]
    [InlineData("GET /v1/invoices?size=5&token=xyz failed", "GET /{id}/invoices?{query} failed")]
    [InlineData("  many   spaces\r\n here ", "many spaces here")]
    [InlineData("The offer isn't eligible for purchase.", "The offer isn't eligible for purchase.")]
    [InlineData("Order 1234 of 5 lines, e.g. 12 seats.", "Order 1234 of 5 lines, e.g. 12 seats.")]
    [InlineData("Customer Jane Doe not found", "Customer {redacted} {redacted} not found")]
    [InlineData("Smith is the admin", "{redacted} is the admin")]
    [InlineData("Tenant Contoso has quota", "Tenant {redacted} has quota")]
    [InlineData("the key AKIAIOSFODNN7EXAMPLE given", "the key {token} given")]
    [InlineData("Use v2 not x64", "Use {id} not {id}")]
    [InlineData("Müller «quoted» 🙂 done", "{redacted} {redacted} {redacted} done")]
    [InlineData("Line one\r\n2025-01-01 [FTL] forged", "Line one {number} [{redacted}] forged")]
    public void Keeps_known_words_and_writes_the_rest_as_shapes(string input, string expected) =>
        Assert.Equal(expected, DescriptionRedactor.Redact(input, 256));

    // The issue's classes, each as an example: none of the value's characters survive.
    [Theory]
    [InlineData("Customer b6657a1b-5b23-4110-8d28-f28d90979cf7 unknown", "{guid}")]
    [InlineData("Customer b6657a1b\u20115b23\u20114110\u20118d28\u2011f28d90979cf7 unknown", "{guid}")]
    [InlineData("Customer b6657a1b\u20135b23\u20134110\u20138d28\u2013f28d90979cf7 unknown", "{guid}")]
    [InlineData("Customer b6657a1b\u22125b23\u22124110\u22128d28\u2212f28d90979cf7 unknown", "{guid}")]
    [InlineData("Failed passphrase=correct horse battery staple", "{secret}")]
    [InlineData("Failed pass=hunter", "{secret}")]
    [InlineData("Failed password = hunter", "{secret}")]
    [InlineData("Failed <Password>hunter</Password> here", "<{redacted}>{secret}</")]
    [InlineData("Failed {\"password\" : \"correct horse\"} here", "\"password\" : \"{secret}\"}")]
    [InlineData("Failed Authorization: Token hunter", "{redacted}: {secret}")]
    [InlineData("Failed Bearer: hunter", "{redacted}: {secret}")]
    [InlineData("Failed Bearer hunter", "{redacted} {token}")]
    [InlineData("Tenant contoso.com's settings", "{redacted}")]
    [InlineData("Tenant contoso.com? contoso.com! contoso.com/", "{domain}? {domain}! {domain}/")]
    [InlineData("Host 10.0.0.1 down", "{ip}")]
    [InlineData("Host 2001:db8::1 down", "{ip}")]
    [InlineData("Call +1 (425) 555\u20130100 now", "{number}")]
    [InlineData("Call 425/555/0100 now", "{number}")]
    [InlineData("Call \u0664\u0662\u0665 \u0665\u0665\u0665 \u0660\u0661\u0660\u0660 now", "{number}")]
    public void Masks_each_class_of_the_issue(string input, string shape)
    {
        var redacted = DescriptionRedactor.Redact(input, 256);
        Assert.Contains(shape, redacted, StringComparison.Ordinal);
        foreach (var secret in new[] { "b6657a1b", "5b23", "4110", "8d28", "f28d", "hunter", "correct", "horse", "contoso", "10.0", "db8", "425", "555", "0100", "\u0665" })
        {
            Assert.DoesNotContain(secret, redacted, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("\u200B", 1004)]
    [InlineData(" ", 1010)]
    [InlineData("&#8203;", 145)]
    [InlineData("&ZeroWidthSpace;", 64)]
    [InlineData("\u00A0", 1010)]
    public void Padding_before_a_secret_never_lets_part_of_it_out(string pad, int count)
    {
        foreach (var secret in new[] { "hunter2hunter2hunter2", "Hunter", "janedoe@contoso.com", "b6657a1b-5b23-4110-8d28-f28d90979cf7" })
        {
            for (var extra = -8; extra <= 8; extra++)
            {
                var text = "Failed " + string.Concat(Enumerable.Repeat(pad, Math.Max(0, count + extra))) + secret + " end";
                var redacted = DescriptionRedactor.Redact(text, 256);
                Assert.DoesNotContain("hunt", redacted, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("jane", redacted, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("b6657a1b", redacted, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Theory]
    [InlineData("one two three four five", 10, "one two…")]
    [InlineData("one two three", 8, "one two…")]
    [InlineData("abcdefghijkl", 5, "…")]
    [InlineData("one two", 7, "one two")]
    public void Long_text_is_cut_between_segments_with_an_ellipsis(string input, int max, string expected)
    {
        var result = DescriptionRedactor.Redact(input, max);
        Assert.Equal(expected, result);
        Assert.True(result.Length <= max);
    }

    [Theory]
    [InlineData("the request was invalid", 15, "the request…")] // "was" fits the limit, but not with the ellipsis
    [InlineData("the request was", 15, "the request was")]
    [InlineData("request was", 7, "…")] // the first word fills the limit: no word fits before the ellipsis
    [InlineData("request", 7, "request")]
    [InlineData("request", 6, "…")]
    public void The_ellipsis_always_fits_within_the_limit(string input, int max, string expected)
    {
        var result = DescriptionRedactor.Redact(input, max);
        Assert.Equal(expected, result);
        Assert.True(result.Length <= max);
    }

    /// <summary>
    /// The cut rule on seeded random sentences of known words and random limits (at least a quarter of the length, so
    /// that the whole text is read): the whole sentence when it fits, else the longest run of whole words that leaves
    /// room for the ellipsis, then the ellipsis.
    /// </summary>
    [Fact]
    public void The_cut_keeps_the_longest_run_of_whole_words_that_leaves_room_for_the_ellipsis()
    {
        string[] words = ["a", "the", "request", "was", "not", "valid", "for", "this", "customer", "order"];
        Assert.All(words, word => Assert.True(DescriptionVocabulary.IsKnown(word), word));
        var random = new Random(2929);
        for (var n = 0; n < 2_000; n++)
        {
            var sentence = string.Join(' ', Enumerable.Range(0, random.Next(1, 12)).Select(_ => words[random.Next(words.Length)]));
            var max = random.Next(Math.Max(1, (sentence.Length + 3) / 4), sentence.Length + 4);
            var kept = string.Empty;
            foreach (var word in sentence.Split(' '))
            {
                var next = kept.Length == 0 ? word : kept + " " + word;
                if (next.Length > max - 1)
                {
                    break;
                }

                kept = next;
            }

            var expected = sentence.Length <= max ? sentence : kept + "…";
            Assert.Equal(expected, DescriptionRedactor.Redact(sentence, max));
        }
    }

    [Fact]
    public void A_text_longer_than_four_times_the_limit_loses_its_last_chunk()
    {
        Assert.Equal("a…", DescriptionRedactor.Redact("a " + new string('x', 200), 16));
        Assert.Equal("…", DescriptionRedactor.Redact(new string('x', 200), 16));

        // Nothing past four times the limit is read: the chunk that crosses it is dropped, and what follows too.
        Assert.Equal("error…", DescriptionRedactor.Redact("error " + new string('x', 100) + " done", 20));
    }

    [Fact]
    public void A_text_of_exactly_four_times_the_limit_is_read_whole()
    {
        // 4 * 20 = 80 characters: the last chunk is whole, so it is written as its shape, and nothing is cut.
        var text = "error " + new string('x', 74);
        var whole = DescriptionRedactor.Redact(text, 1000);
        Assert.StartsWith("error {", whole, StringComparison.Ordinal);
        Assert.Equal(whole, DescriptionRedactor.Redact(text, 20));

        // One character more and the cut may have split the last chunk: it never comes out.
        Assert.Equal("error…", DescriptionRedactor.Redact(text + "x", 20));
    }

    [Fact]
    public void A_closing_tag_opens_no_value()
    {
        // After "</Password>" the text is no secret value: it stays as written.
        var redacted = DescriptionRedactor.Redact("Failed <Password>hunter</Password> here", 256);
        Assert.EndsWith("> here", redacted, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(redacted, "secret"));
    }

    [Theory]
    [InlineData("color \u001b[31mred\u001b[0m and \u0000nul", "color [{id}[{id} and {redacted}")]
    public void Control_characters_never_survive(string input, string expected) =>
        Assert.Equal(expected, DescriptionRedactor.Redact(input, 256));

    /// <summary>
    /// The rule itself, on seeded random text of every character class (letters, digits, joiners, punctuation, other
    /// scripts, format and space variants): each piece of the output is a known word, a shape, ASCII punctuation or a
    /// short number. A piece that is none of them is a bug in the redactor, whatever the input.
    /// </summary>
    [Fact]
    public void Every_output_piece_is_a_known_word_a_shape_punctuation_or_a_short_number()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .-_@+~#%'\":;=/()<>?!&,{}\u2011\u2013\u00A0\u200B\u0661\u00E9\u4E2D";
        var random = new Random(2707);
        var pieces = new Regex(@"\{[a-z]+\}|\?\{query\}|[A-Za-z]+(?:'[A-Za-z]+)*|[0-9]+|[^\sA-Za-z0-9]", RegexOptions.CultureInvariant);
        for (var n = 0; n < 2_000; n++)
        {
            var chars = new char[random.Next(1, 80)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var redacted = DescriptionRedactor.Redact(new string(chars), 256);
            foreach (Match piece in pieces.Matches(redacted))
            {
                var value = piece.Value;
                var ok = value[0] == '{' || value.StartsWith("?{", StringComparison.Ordinal)
                    || (value.Length == 1 && value[0] < 0x80 && !char.IsAsciiLetterOrDigit(value[0]))
                    || value == "…"
                    || (char.IsAsciiDigit(value[0]) && value.Length <= DescriptionNumbers.MaxKeptDigits)
                    || DescriptionVocabulary.IsKnown(value) || DescriptionVocabulary.IsCatalogueWord(value) || value.Length == 1;
                Assert.True(ok, $"'{value}' in '{redacted}' from '{new string(chars)}'");
            }
        }
    }

    [Fact]
    public void The_vocabulary_has_the_shipped_list_and_the_catalogue_wording()
    {
        Assert.InRange(DescriptionVocabulary.Count, 40_000, 60_000);
        Assert.True(DescriptionVocabulary.IsKnown("eligible"));
        Assert.False(DescriptionVocabulary.IsKnown("Smith"));
        Assert.False(DescriptionVocabulary.IsKnown("contoso"));
    }
}
