using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PartnerCenter.Observability.Cli;

/// <summary>Text, JSON and Markdown renderings of catalogue rows and classifications.</summary>
internal static class Formatting
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string WhatToDo(PartnerCenterErrorCategory category) => category switch
    {
        PartnerCenterErrorCategory.Auth => "Check the app's token, its roles and privileges, conditional access, and that a partner-customer relationship exists; do not retry.",
        PartnerCenterErrorCategory.Quota => "Throttled or over a count limit: for 429 honour Retry-After and reduce parallelism; for count limits, reduce the quantity or raise the limit.",
        PartnerCenterErrorCategory.Eligibility => "Check the partner, customer, offer and subscription state (agreements, credit, country, windows); retrying unchanged will fail again.",
        PartnerCenterErrorCategory.Transient => "Retry with backoff, keeping the same MS-RequestId; open a support ticket with the request and correlation ids if it persists.",
        PartnerCenterErrorCategory.Validation => "Fix the request: an input, a property or the operation used is wrong; do not retry unchanged.",
        PartnerCenterErrorCategory.NotFound => "Check the ids in the path (customer, subscription, order, cart); the resource does not exist or is not visible to this partner.",
        PartnerCenterErrorCategory.Conflict => "Another operation is in progress or the state is stale: re-read the resource (and its ETag), then decide; never blindly retry an order.",
        _ => "Unrecognised: look at the status, the request and correlation ids, and the raw response.",
    };

    public static string Explain(PartnerCenterErrorDefinition definition) => string.Create(CultureInfo.InvariantCulture, $"""
        code:      {definition.Code ?? "(none)"}
        status:    {(definition.StatusCode == 0 ? "(not documented; the code alone decides)" : definition.StatusCode)}
        category:  {definition.Category.ToTagValue()}
        retryable: {(definition.IsRetryable ? "true" : "false")}
        template:  {definition.Template}
        source:    {definition.Source}
        what to do: {WhatToDo(definition.Category)}
        """);

    public static string ExplainStatus(PartnerCenterErrorClassification byStatus) => string.Create(CultureInfo.InvariantCulture, $"""
        code:      {byStatus.StatusCode} (an HTTP status used as the code, as throttling and gateway answers send it)
        status:    {byStatus.StatusCode}
        category:  {byStatus.Category.ToTagValue()} (by status)
        retryable: {(byStatus.IsRetryable ? "true" : "false")}
        template:  (none: the status decides; read the description and Retry-After of the response)
        source:    status rules (docs/error-categories.md)
        what to do: {WhatToDo(byStatus.Category)}
        """);

    public static string ClassificationJson(PartnerCenterErrorClassification result) => WriteJson(writer =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("status", result.StatusCode);
        WriteNullableString(writer, "code", result.Code);
        writer.WriteString("category", result.Category.ToTagValue());
        writer.WriteBoolean("retryable", result.IsRetryable);
        WriteNullableString(writer, "template", result.Description);
        writer.WriteString("reason", result.Reason);
        writer.WriteEndObject();
    });

    public static string CatalogJson() => WriteJson(writer =>
    {
        writer.WriteStartArray();
        foreach (var row in PartnerCenterErrorCatalog.Definitions)
        {
            writer.WriteStartObject();
            WriteNullableString(writer, "code", row.Code);
            writer.WriteNumber("status", row.StatusCode);
            writer.WriteString("category", row.Category.ToTagValue());
            writer.WriteBoolean("retryable", row.IsRetryable);
            writer.WriteString("template", row.Template);
            writer.WriteString("source", row.Source);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }, indented: true) + "\n";

    public static string CatalogMarkdown()
    {
        var rows = PartnerCenterErrorCatalog.Definitions;
        var text = new StringBuilder();
        text.Append("# Partner Center error codes\n\n")
            .Append("<!-- Generated from the catalogue by `pc-errors catalog --format markdown`. Do not edit by hand: a test fails when this file is stale. -->\n\n")
            .Append(CultureInfo.InvariantCulture, $"{rows.Count} documented errors. Categories, their rules and the judgement calls: [error-categories.md](error-categories.md). ")
            .Append("Rows without a code are recognised by their description template; `{0}` stands for any value. ")
            .Append("Status — means no source gives one (the code alone decides); status 200 rows are items inside successful responses, which the handler never reads. ")
            .Append("Source `error-codes` is the seed edition of Microsoft's \"Partner Center REST error codes\" page; the other sources are other editions of that page and other Partner Center docs pages.\n\n")
            .Append("| Code | Status | Category | Retryable | Template | Source |\n")
            .Append("|---|---|---|---|---|---|\n");
        foreach (var row in rows)
        {
            var status = row.StatusCode == 0 ? "—" : row.StatusCode.ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"| {row.Code ?? "—"} | {status} | {row.Category.ToTagValue()} | {(row.IsRetryable ? "yes" : "no")} | {EscapeCell(row.Template)} | {row.Source} |\n");
        }

        return text.ToString();
    }

    private static string EscapeCell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    private static void WriteNullableString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static string WriteJson(Action<Utf8JsonWriter> write, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions with { Indented = indented }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
