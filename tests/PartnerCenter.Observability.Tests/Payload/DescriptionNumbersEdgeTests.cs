using PartnerCenter.Observability.Payload;

namespace PartnerCenter.Observability.Tests.Payload;

/// <summary>
/// Numbers written in groups are one number: digit runs joined by spaces and <c>( ) + - . /</c>. Only a single run of
/// at most <see cref="DescriptionNumbers.MaxKeptDigits"/> digits is kept; any other number is one <c>{number}</c>.
/// </summary>
public sealed class DescriptionNumbersEdgeTests
{
    [Theory]
    [InlineData("Order 12 34 failed", "Order {number} failed")]
    [InlineData("Order 1 2 failed", "Order {number} failed")]
    [InlineData("Order 1 / 2 failed", "Order {number} failed")]
    [InlineData("Order 1234 failed", "Order 1234 failed")]
    [InlineData("Order 12345 failed", "Order {number} failed")]
    [InlineData("Order 12, 34 failed", "Order 12, 34 failed")]
    [InlineData("Order 12; 34 failed", "Order 12; 34 failed")]
    [InlineData("Order 12 or 34 failed", "Order 12 or 34 failed")]
    public void Groups_joined_by_spaces_and_number_punctuation_are_one_number(string input, string expected) =>
        Assert.Equal(expected, DescriptionRedactor.Redact(input, 256));

    /// <summary>
    /// The rule on seeded random digit groups: groups joined by a space or a number joiner form one number, kept only
    /// when it is one group of at most four digits; a comma ends a number, so each side is judged alone.
    /// </summary>
    [Fact]
    public void Each_number_is_kept_only_when_it_is_one_short_run()
    {
        string[] joiners = [" ", " / ", " + ", " . "];
        var random = new Random(3131);
        for (var n = 0; n < 1_000; n++)
        {
            var numbers = new List<string>();
            var expected = new List<string>();
            for (var k = random.Next(1, 4); k > 0; k--)
            {
                var groups = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Digits(random, random.Next(1, 7))).ToList();
                var joiner = joiners[random.Next(joiners.Length)];
                numbers.Add(string.Join(joiner, groups));
                expected.Add(groups.Count == 1 && groups[0].Length <= DescriptionNumbers.MaxKeptDigits ? groups[0] : "{number}");
            }

            var input = "Order " + string.Join(", ", numbers) + " failed";
            Assert.Equal("Order " + string.Join(", ", expected) + " failed", DescriptionRedactor.Redact(input, 1000));
        }
    }

    private static string Digits(Random random, int count) =>
        string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));
}
