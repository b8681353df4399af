using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Tests.Catalog;

public sealed class CatalogReferenceTests
{
    [Fact]
    public void Every_coded_row_of_the_reference_page_is_catalogued_with_its_status()
    {
        var text = File.ReadAllText(RepositoryPaths.ReferenceFile("partner-center-rest-error-codes.txt"));
        var rows = ReferencePage.CodedRows(text);
        Assert.True(rows.Count >= 200, $"the page parser found only {rows.Count} rows");

        var missing = rows.Where(r => !PartnerCenterErrorCatalog.TryFind(r.Status, r.Code, out _)).ToList();
        Assert.True(missing.Count == 0, "not catalogued with the page's status: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_seed_edition_code_appears_on_the_reference_page_with_the_same_status()
    {
        var text = File.ReadAllText(RepositoryPaths.ReferenceFile("partner-center-rest-error-codes.txt"));
        var rows = ReferencePage.CodedRows(text).ToHashSet();

        var extra = PartnerCenterErrorCatalog.Definitions.Where(d => d.Source == "error-codes" && d.Code is not null && !rows.Contains((d.StatusCode, d.Code))).ToList();
        Assert.True(extra.Count == 0, "catalogued but not on the page: " + string.Join(", ", extra));
    }

    [Fact]
    public void The_thirteen_rows_without_a_code_are_recognised_by_their_description()
    {
        var tsv = RepositoryPaths.ReferenceFile("partner-center-error-codes.tsv");
        var text = File.ReadAllText(RepositoryPaths.ReferenceFile("partner-center-rest-error-codes.txt"));
        var rows = ReferencePage.CodelessRows(tsv);
        Assert.Equal(13, rows.Count);

        foreach (var (status, description) in rows)
        {
            Assert.Contains(description, text, StringComparison.Ordinal);
            var sample = description.Replace("{0}", "8c1f2f8e", StringComparison.Ordinal);
            var result = PartnerCenterErrorClassifier.Default.Classify(status, code: null, sample);
            Assert.Equal(PartnerCenterClassificationSource.DescriptionTemplate, result.Source);
            Assert.NotNull(result.Definition);
            Assert.Null(result.Definition!.Code);
            Assert.Equal(status, result.Definition.StatusCode);
            Assert.NotEqual(PartnerCenterErrorCategory.Unknown, result.Category);
        }
    }

    [Fact]
    public void Each_reference_row_classifies_through_a_real_payload()
    {
        var text = File.ReadAllText(RepositoryPaths.ReferenceFile("partner-center-rest-error-codes.txt"));
        foreach (var (status, code) in ReferencePage.CodedRows(text))
        {
            Assert.True(PartnerCenterErrorCatalog.TryFind(status, code, out var expected));
            var body = System.Text.Encoding.UTF8.GetBytes($$"""{"code": {{code}}, "description": "x", "data": [], "source": "PartnerFD"}""");
            var result = PartnerCenterErrorClassifier.Default.Classify(status, body, "application/json; charset=utf-8");

            Assert.Equal(code, result.Code);
            Assert.Same(expected.Code, result.Code);
            Assert.Equal(expected.Category, result.Category);
            Assert.Equal(expected.Template, result.Description);
            Assert.NotEqual(PartnerCenterErrorCategory.Unknown, result.Category);
        }
    }
}
