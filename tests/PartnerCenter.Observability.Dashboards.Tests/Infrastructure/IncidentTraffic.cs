using System.Globalization;
using System.Text;

namespace PartnerCenter.Observability.Dashboards.Tests.Infrastructure;

/// <summary>A scraped series of an incident: its labels and one sample a minute (null: no sample; NaN: stale marker).</summary>
internal sealed record IncidentSeries(string Metric, SortedDictionary<string, string> Labels, double?[] Values)
{
    public string Selector =>
        Metric + "{" + string.Join(",", Labels.Select(p => $"{p.Key}=\"{p.Value}\"")) + "}";

    /// <summary>The increase Prometheus can see at each minute: the difference with the previous sample (a drop is a reset).</summary>
    public double[] VisibleIncrements()
    {
        var result = new double[((Values.Length - 1) * IncidentGenerator.Step) + 1];
        double? previous = null;
        for (var minute = 0; minute < Values.Length; minute++)
        {
            var value = Values[minute];
            if (value is null)
            {
                continue;
            }

            if (double.IsNaN(value.Value))
            {
                previous = null;
                continue;
            }

            if (previous is { } p)
            {
                result[minute * IncidentGenerator.Step] = value.Value >= p ? value.Value - p : value.Value;
            }

            previous = value;
        }

        return result;
    }

    /// <summary>
    /// The first value of the series and of each restart after a stale marker (a CronJob's next run), at its minute:
    /// counted from zero, the calls Prometheus cannot see as an increase (it extrapolates towards them instead).
    /// A value after a scrape gap is not one: the series went on counting through the gap.
    /// </summary>
    public double[] FirstValues()
    {
        var result = new double[((Values.Length - 1) * IncidentGenerator.Step) + 1];
        var seen = false;
        for (var minute = 0; minute < Values.Length; minute++)
        {
            if (Values[minute] is not { } value)
            {
                continue;
            }

            if (double.IsNaN(value))
            {
                seen = false;
                continue;
            }

            if (!seen)
            {
                result[minute * IncidentGenerator.Step] = value;
            }

            seen = true;
        }

        return result;
    }

    /// <summary>The values in promtool's notation, one per <see cref="IncidentGenerator.Step"/> minutes.</summary>
    public string PromtoolValues()
    {
        var text = new StringBuilder();
        var i = 0;
        while (i < Values.Length)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            if (Values[i] is null)
            {
                var j = i;
                while (j < Values.Length && Values[j] is null)
                {
                    j++;
                }

                text.Append(CultureInfo.InvariantCulture, $"_x{j - i}");
                i = j;
                continue;
            }

            if (double.IsNaN(Values[i]!.Value))
            {
                text.Append("stale");
                i++;
                continue;
            }

            // Only runs of one value are compressed ("v+0xn"): promtool adds the step of "a+bxn" in floating point,
            // and a sum that ends a hair above the next written value reads as a counter reset.
            var run = i + 1;
            while (run < Values.Length && Values[run] is { } v && v == Values[i]!.Value)
            {
                run++;
            }

            if (run - i >= 3)
            {
                text.Append(CultureInfo.InvariantCulture, $"{Format(Values[i]!.Value)}+0x{run - i - 1}");
                i = run;
            }
            else
            {
                text.Append(Format(Values[i]!.Value));
                i++;
            }
        }

        return text.ToString();
    }

    private static double Round(double value) => Math.Round(value, 6);

    private static string Format(double value) => Round(value).ToString("0.######", CultureInfo.InvariantCulture);
}

/// <summary>
/// Turns an incident into the series a Prometheus would scrape from it, one sample a minute: the duration histogram's
/// _count (successes without category, failures with, cancelled attempts with error_type), the error counter, the
/// retries counter and up. Counters start at their first increment (as the SDK creates them), so Prometheus cannot
/// see the first one: the policy judges what Prometheus can see, exactly as the rules do.
/// </summary>
internal static class IncidentTraffic
{
    private const string Duration = "partner_center_client_request_duration_seconds_count";
    private const string Errors = "partner_center_client_errors_total";
    private const string Retries = "partner_center_client_retries_total";

    public static IReadOnlyList<IncidentSeries> Series(Incident incident, AlertPolicy policy)
    {
        var minutes = IncidentGenerator.Minutes + 1;
        var row = policy.Rows.First(r => r.Kind == incident.Kind);
        var combos = Math.Max(incident.Instances, incident.Operations);
        var failingCombos = Enumerable.Range(0, combos).Count(c => c % incident.Operations == 0);
        var otherCombos = combos - failingCombos;
        var counters = new Dictionary<string, (string Metric, SortedDictionary<string, string> Labels, int Instance, double[] Increments)>(StringComparer.Ordinal);

        void Add(string metric, int instance, int operation, double amount, int minute, params (string Key, string Value)[] extra)
        {
            if (amount <= 0)
            {
                return;
            }

            var labels = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["job"] = incident.Job, ["instance"] = $"i{instance}" };
            if (operation >= 0)
            {
                labels["partner_center_operation"] = $"op{operation}";
            }

            foreach (var (key, value) in extra.Where(e => e.Value.Length > 0))
            {
                labels[key] = value;
            }

            var key2 = metric + string.Join(",", labels.Select(p => p.Key + "=" + p.Value));
            if (!counters.TryGetValue(key2, out var counter))
            {
                counters[key2] = counter = (metric, labels, instance, new double[minutes]);
            }

            counter.Increments[minute] += amount;
        }

        var (category, status) = Answer(row);
        for (var minute = 1; minute < minutes; minute++)
        {
            var phase = (minute - 1) % incident.PeriodMinutes;
            if (incident.Shape == TimeShape.Batch && phase >= incident.RunMinutes)
            {
                continue;
            }

            var failingNow = minute > incident.FailureStart && (incident.Shape != TimeShape.Burst || phase < incident.RunMinutes);
            for (var combo = 0; combo < combos; combo++)
            {
                var instance = combo % incident.Instances;
                var operation = combo % incident.Operations;
                var onFailingOperation = operation == 0 || !incident.OneOperationFails;
                var calls = incident.OneOperationFails
                    ? (operation == 0 ? incident.FailingOperationCallsPerMinute / failingCombos : incident.CallsPerMinute / Math.Max(1, otherCombos))
                    : incident.CallsPerMinute / combos;
                var failing = failingNow && onFailingOperation && (!incident.OneInstanceFails || instance == 0);
                var failed = failing ? calls * incident.FailureFraction : 0;
                var attempts = failed * (1 + incident.RetriesPerFailedCall);
                Add(Duration, instance, operation, calls - failed, minute);
                Add(Duration, instance, operation, calls * incident.Cancelled, minute, ("error_type", "cancelled"));
                if (incident.Overflow)
                {
                    Add(Duration, instance, -1, attempts, minute, ("otel_metric_overflow", "true"));
                    Add(Errors, instance, -1, attempts, minute, ("otel_metric_overflow", "true"));
                }
                else
                {
                    Add(Duration, instance, operation, attempts, minute, ("partner_center_error_category", category));
                    Add(Errors, instance, operation, attempts, minute, ("partner_center_error_category", category), ("http_response_status_code", status));
                }

                Add(Retries, instance, operation, failed * incident.RetriesPerFailedCall, minute, ("partner_center_error_category", row.RetriedCategory ?? category));
                var rescued = (calls - failed) * incident.RetriedThenSucceeded;
                Add(Duration, instance, operation, rescued, minute, ("partner_center_error_category", "transient"));
                Add(Errors, instance, operation, rescued, minute, ("partner_center_error_category", "transient"), ("http_response_status_code", "503"));
                Add(Retries, instance, operation, rescued, minute, ("partner_center_error_category", "transient"));
            }
        }

        var series = counters.Values.Select(c => new IncidentSeries(c.Metric, c.Labels, Cumulate(incident, c.Instance, c.Increments))).ToList();
        series.AddRange(Up(incident));
        return series;
    }

    /// <summary>The category and status of a failure of the row's kind, as the library tags it.</summary>
    private static (string Category, string Status) Answer(PolicyRow row)
    {
        var category = row.Select.FirstOrDefault(m => m.Label == "partner_center_error_category" && m.Equal).Value;
        var status = row.Select.FirstOrDefault(m => m.Label == "http_response_status_code" && m.Equal).Value;
        return row.Kind switch
        {
            "throttling" => ("quota", "429"),
            "count_limits" => ("quota", "403"),
            "server_errors" => ("transient", "503"),
            "network" => ("transient", ""),
            "auth" => (category!, "401"),
            "not_found" => (category!, "404"),
            "conflict" => (category!, "409"),
            _ => (category ?? "unknown", status ?? "400"),
        };
    }

    /// <summary>Whether the job's targets exist (and are scraped) at the minute.</summary>
    private static bool Present(Incident incident, int minute) =>
        !incident.CronJob || (minute - 1) % incident.PeriodMinutes < incident.RunMinutes;

    private static bool InGap(Incident incident, int minute) =>
        incident.ScrapeGapAt >= 0 && minute >= incident.ScrapeGapAt && minute < incident.ScrapeGapAt + 10;

    /// <summary>
    /// The cumulative counter as scraped every <see cref="IncidentGenerator.Step"/> minutes: absent before its first
    /// increment and in a scrape gap, from 0 again after a restart or at each CronJob run, a stale marker at the first
    /// scrape after a CronJob's target went away.
    /// </summary>
    private static double?[] Cumulate(Incident incident, int instance, double[] increments)
    {
        var values = new List<double?>();
        double total = 0;
        var started = false;
        var scrapedBefore = false;
        for (var minute = 0; minute < increments.Length; minute++)
        {
            if (incident.CronJob && Present(incident, minute) && !Present(incident, minute - 1))
            {
                total = 0;
                started = false;
            }

            if (instance == 0 && minute == incident.RestartAt)
            {
                total = 0;
                started = false;
            }

            total += increments[minute];
            started |= total > 0;
            if (minute % IncidentGenerator.Step != 0)
            {
                continue;
            }

            var present = Present(incident, minute);
            values.Add(!present ? (scrapedBefore ? double.NaN : null) : InGap(incident, minute) || !started ? null : Math.Round(total, 6));
            scrapedBefore = present && started;
        }

        return [.. values];
    }

    private static IEnumerable<IncidentSeries> Up(Incident incident)
    {
        if (incident.BehindCollector)
        {
            yield break;
        }

        for (var instance = 0; instance < incident.Instances; instance++)
        {
            var values = new List<double?>();
            var wasPresent = false;
            for (var minute = 0; minute <= IncidentGenerator.Minutes; minute += IncidentGenerator.Step)
            {
                var present = Present(incident, minute);
                values.Add(present ? (InGap(incident, minute) ? 0 : 1) : (wasPresent ? double.NaN : null));
                wasPresent = present;
            }

            yield return new IncidentSeries("up", new SortedDictionary<string, string>(StringComparer.Ordinal) { ["job"] = incident.Job, ["instance"] = $"i{instance}" }, [.. values]);
        }
    }
}
