using System.Text;
using YamlDotNet.Serialization;

namespace PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

/// <summary>Checks PromQL expressions offline: each becomes a recording rule of a temporary file for promtool.</summary>
internal static class OfflineCheck
{
    public static void AssertValidPromQl(string group, IReadOnlyList<(string Where, string Expr)> queries)
    {
        Assert.NotEmpty(queries);
        var rules = queries.Select((q, i) => new Dictionary<string, string>
        {
            ["record"] = $"offline_check:query_{i}",
            ["expr"] = q.Expr,
        }).ToList();
        var document = new Dictionary<string, object>
        {
            ["groups"] = new List<object> { new Dictionary<string, object> { ["name"] = group, ["rules"] = rules } },
        };
        var file = Path.Combine(Path.GetTempPath(), $"pc-offline-check-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, new SerializerBuilder().Build().Serialize(document));
        try
        {
            var (exit, output) = Promtool.Run(Repo.Root, "check", "rules", file);
            if (exit != 0)
            {
                var index = new StringBuilder();
                for (var i = 0; i < queries.Count; i++)
                {
                    index.Append("  offline_check:query_").Append(i).Append(" = ").Append(queries[i].Where).Append('\n')
                        .Append("      ").Append(queries[i].Expr.ReplaceLineEndings(" ")).Append('\n');
                }

                Assert.Fail($"promtool check rules rejected a query of {group} (exit {exit}):\n{output}\nQueries:\n{index}");
            }

            Assert.Contains($"SUCCESS: {queries.Count} rules found", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
