using System.Globalization;
using System.Text;

namespace PartnerCenter.Observability.Tests.Classification.Generalisation;

/// <summary>
/// What a fallback did on held-out examples: a confusion matrix of expected against given category. An answer of
/// <see cref="PartnerCenterErrorCategory.Unknown"/> is an abstention: not right, but not a confident wrong answer either.
/// </summary>
internal sealed class FoldReport
{
    private readonly Dictionary<(PartnerCenterErrorCategory Expected, PartnerCenterErrorCategory Given), int> _cells = [];
    private readonly List<(FallbackExample Example, PartnerCenterErrorCategory Given)> _misses = [];

    public int Total { get; private set; }

    public int Right { get; private set; }

    public int Unknown { get; private set; }

    /// <summary>A category given, and not the expected one.</summary>
    public int ConfidentWrong => Total - Right - Unknown;

    public double Accuracy => Total == 0 ? 0 : (double)Right / Total;

    public double UnknownRate => Total == 0 ? 0 : (double)Unknown / Total;

    /// <summary>Of the answers that named a category, the share that named the wrong one.</summary>
    public double WrongWhenConfident => Total == Unknown ? 0 : (double)ConfidentWrong / (Total - Unknown);

    /// <summary>Accuracy over the examples that got a category.</summary>
    public double AccuracyWhenConfident => Total == Unknown ? 0 : (double)Right / (Total - Unknown);

    public IReadOnlyList<(FallbackExample Example, PartnerCenterErrorCategory Given)> Misses => _misses;

    public void Add(FallbackExample example, PartnerCenterErrorCategory given)
    {
        Total++;
        _cells[(example.Category, given)] = _cells.GetValueOrDefault((example.Category, given)) + 1;
        if (given == example.Category)
        {
            Right++;
        }
        else
        {
            if (given == PartnerCenterErrorCategory.Unknown)
            {
                Unknown++;
            }

            _misses.Add((example, given));
        }
    }

    public int Count(PartnerCenterErrorCategory expected, PartnerCenterErrorCategory given) => _cells.GetValueOrDefault((expected, given));

    public string Summary() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Right}/{Total} right ({Accuracy:P1}); unknown {Unknown} ({UnknownRate:P1}); confident and wrong {ConfidentWrong} ({WrongWhenConfident:P1} of confident answers)");

    /// <summary>The confusion matrix as a markdown table: rows expected, columns given.</summary>
    public string ToMarkdown()
    {
        var categories = _cells.Keys.SelectMany(k => new[] { k.Expected, k.Given }).Distinct().Order().ToList();
        var text = new StringBuilder();
        text.Append("| expected \\ given | ").AppendJoin(" | ", categories.Select(c => $"`{c.ToTagValue()}`")).AppendLine(" |");
        text.Append("|---|").AppendJoin(string.Empty, categories.Select(_ => "---:|")).AppendLine();
        foreach (var expected in categories.Where(e => _cells.Keys.Any(k => k.Expected == e)))
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{expected.ToTagValue()}` | ").AppendJoin(" | ", categories.Select(g => Count(expected, g).ToString(CultureInfo.InvariantCulture))).AppendLine(" |");
        }

        return text.ToString();
    }
}
