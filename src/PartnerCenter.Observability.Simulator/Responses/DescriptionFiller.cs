using System.Globalization;
using System.Text;
using PartnerCenter.Observability.Simulator.Scenarios;

namespace PartnerCenter.Observability.Simulator.Responses;

/// <summary>
/// Fills a catalogue template's <c>{0}</c>, <c>{1}</c>... with realistic values chosen from the text before each
/// placeholder (a number before "seat/s", a URL after "Learn more at", a GUID for an id...). Deterministic for the same entropy.
/// </summary>
internal static class DescriptionFiller
{
    private static readonly (string Before, Func<ulong, string> Value)[] Rules =
    [
        ("learn more at ", _ => "https://aka.ms/partnercenter-customer-review"),
        ("refer to ", _ => "https://aka.ms/partnercenter-customer-review"),
        ("visit ", _ => "https://learn.microsoft.com/partner-center/developer/"),
        ("dashboard ", _ => "https://partner.microsoft.com/dashboard"),
        ("search ", _ => "https://partner.microsoft.com/dashboard/account/v3/usermanagement"),
        ("number of ", r => Number(r, 2, 50)),
        ("limit of ", r => Number(r, 0, 10)),
        ("your ", r => Number(r, 3, 7)),
        ("catalogid - ", _ => "CFQ7TTC0LF8Q:0001"),
        ("catalogitemid: ", _ => "DZH318Z0BQ3Q:0007:DZH318Z0BWTS"),
        ("productid: ", _ => "DZH318Z0BQ3Q"),
        ("skuid: ", _ => "0007"),
        ("format ", _ => "XXXX-XXXX-XXXX"),
        ("duration ", _ => "P2Y"),
        ("changed to ", _ => "Suspended"),
        (" from ", _ => "Active"),
        ("enum: ", _ => "BillingCycleType"),
        ("national cloud ", _ => "China"),
        ("request for ", _ => "completed"),
        ("line item ", r => Number(r, 0, 4)),
    ];

    /// <summary>The template with every placeholder replaced.</summary>
    public static string Fill(string template, ulong entropy)
    {
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }

        var random = new DeterministicRandom((int)entropy, (int)(entropy >> 32), 0);
        var text = new StringBuilder(template.Length + 64);
        var i = 0;
        while (i < template.Length)
        {
            var close = template[i] == '{' ? template.IndexOf('}', i + 1) : -1;
            if (close > i + 1 && IsDigits(template.AsSpan(i + 1, close - i - 1)))
            {
                text.Append(ValueFor(template, i, ref random));
                i = close + 1;
                continue;
            }

            text.Append(template[i]);
            i++;
        }

        return text.ToString();
    }

    private static string ValueFor(string template, int at, ref DeterministicRandom random)
    {
        if (at == 0)
        {
            // "{0} program status isn't active."
            return "Microsoft AI Cloud Partner Program";
        }

        var before = template.AsSpan(0, at);
        var bits = random.NextUInt64();
        foreach (var (prefix, value) in Rules)
        {
            if (before.EndsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return value(bits);
            }
        }

        // Ids: subscriptions, carts, transfers, upgrades, orders, customers, partners.
        return random.NextGuid().ToString();
    }

    private static string Number(ulong bits, int min, int max) =>
        (min + (int)(bits % (ulong)(max - min + 1))).ToString(CultureInfo.InvariantCulture);

    private static bool IsDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
