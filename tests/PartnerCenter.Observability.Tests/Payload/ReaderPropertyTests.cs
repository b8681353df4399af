using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PartnerCenter.Observability.Payload;

namespace PartnerCenter.Observability.Tests.Payload;

public sealed class ReaderPropertyTests
{
    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ",", ":", "\"code\"", "\"description\"", "\"error\"", "\"message\"", "800020", "\"800020\"",
        "\"data\"", "null", "true", "1e999", "-0", "\"\\u00", "\\\"", "\uFEFF", "/*", "*/", "\"x\"", " ", "\n", "\u00ff",
    ];

    [Property(MaxTest = 2000)]
    public void Arbitrary_bytes_never_throw_and_never_read_past_the_limit(byte[] body, PositiveInt limitSeed)
    {
        var limit = 1 + (limitSeed.Get % 512);
        var read = PartnerCenterPayloadReader.Read(body, limit);

        Assert.True(read.BytesExamined <= limit);
        Assert.True(read.Code.Start + read.Code.Length <= Math.Min(body.Length, limit));
        Assert.True(read.Description.Start + read.Description.Length <= Math.Min(body.Length, limit));

        var classified = new PartnerCenterErrorClassifier(new PartnerCenterClassificationOptions { MaxBodyBytes = Math.Max(256, limit) })
            .Classify(400 + (limitSeed.Get % 200), body, "application/json");
        Assert.True(Enum.IsDefined(classified.Category));
    }

    [Property(MaxTest = 2000)]
    public Property Json_like_fragments_never_throw() =>
        Prop.ForAll(
            Gen.Elements(Fragments).ListOf().Select(parts => string.Concat(parts)).ToArbitrary(),
            text =>
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                var result = PartnerCenterErrorClassifier.Default.Classify(403, bytes, "application/json", PartnerCenterRawDescription.Include);
                return Enum.IsDefined(result.Category) && (result.Code is null || result.Code.Length <= 64);
            });
}
