using System.Globalization;
using System.Text;

namespace PartnerCenter.Observability.Hardening.Tests.Fuzzing;

/// <summary>
/// Seeded generator of secrets, ids and personal data of every shape of issue 27 and more, each with the fragments
/// that must never come out (<see cref="Secret.Fragments"/>: its random parts; the words of a passphrase), and of the
/// disguises a probe puts around them (dash, digit-script and space variants, zero-width and entity padding).
/// </summary>
internal sealed class SecretGenerator(int seed)
{
    private const string Hex = "0123456789abcdef";
    private const string Base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static readonly string[] Dashes = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "\uFE63", "\uFF0D"];
    private static readonly string[] Syllables = ["zor", "vak", "del", "mir", "quo", "thy", "bex", "lun", "gri", "dav", "osk", "yel", "wix", "ptar", "jho", "kiv"];

    // Words of passphrases: all in the shipped English list, none used by the templates of SecretFuzzTests.
    private static readonly string[] PassphraseWords = ["horse", "battery", "staple", "violet", "lantern", "pepper", "walrus", "cobalt", "meadow", "tundra", "saddle", "quartz"];
    private static readonly string[] Digits = ["0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669", "\u06F0\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6\u06F7\u06F8\u06F9", "\u0966\u0967\u0968\u0969\u096A\u096B\u096C\u096D\u096E\u096F", "\uFF10\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18\uFF19"];
    private static readonly string[] Pads = ["\u200B", " ", "&#8203;", "\u00A0", "\u2060", "&ZeroWidthSpace;", "\uFEFF", "%20"];

    private readonly Random _random = new(seed);

    /// <summary>The number of shapes <see cref="Next()"/> draws from.</summary>
    public const int Shapes = 24;

    public Secret Next() => Next(_random.Next(Shapes));

    public Secret Next(int shape)
    {
        switch (shape)
        {
            case 0: { var g = Guid(); return new(JoinGuid(g, Pick(Dashes)), Parts(g)); }
            case 1: { var g = Guid(); return new(g.Replace("-", "", StringComparison.Ordinal), Parts(g)); }
            case 2: { var g = Guid(); return new("{" + JoinGuid(g, "-").ToUpperInvariant() + "}", Parts(g)); }
            case 3: { var v = Random(Alnum, 12); return new(Pick(["password", "pass", "passphrase", "pwd", "client_secret", "AccountKey", "api_key", "SharedAccessKey", "sig"]) + Pick(["=", " = ", ": ", ":"]) + v, [v]); }
            case 4: { var w = Passphrase(); return new(Pick(["password", "passphrase", "Password", "secret"]) + Pick(["=", " = ", ": "]) + string.Join(' ', w), [], w); }
            case 5: { var w = Passphrase(); return new("<Password>" + string.Join(' ', w) + "</Password>", [], w); }
            case 6: { var w = Passphrase(); return new("{\"password\"" + Pick([":", " : ", ": "]) + "\"" + string.Join(' ', w) + "\"}", [], w); }
            case 7: { var v = Random(Base64, 28); return new(Pick(["Authorization: Token ", "Authorization: Bearer ", "Bearer: ", "Bearer ", "Basic ", "Authorization: Basic "]) + v, [v]); }
            case 8: { var n = Name(); return new(n + Pick([".onmicrosoft.com", ".com", ".co.uk", ".net"]) + Pick(["'s", "?", "!", "/", ".", ",", ")", ""]), [n]); }
            case 9: { var n = Name(); var m = Name(); return new(n + "." + m + "@" + Name() + ".com", [n, m]); }
            case 10: { var o = Octets(); return new(string.Join('.', o), [string.Join('.', o)]); }
            case 11: { var h = Enumerable.Range(0, 8).Select(_ => Random(Hex, 4)).ToArray(); return new(string.Join(':', h), [string.Join(':', h)]); }
            case 12: { var g = Enumerable.Range(0, 3).Select(i => Random("0123456789", i == 0 ? 3 : 4)).ToArray(); return new(Phone(g), [string.Join('-', g)]); }
            case 13: { var v = "AKIA" + Random(Upper + "234567", 16); return new(v, [v[4..]]); }
            case 14: { var v = Random(Alnum, 40); return new(v, [v]); }
            case 15: { var n = Capital(Name()) + Capital(Name()); return new(n, [n]); }
            case 16: { var n = Capital(Name()); var m = Capital(Name()); return new(n + " " + m, [n, m]); }
            case 17: { var v = "eyJ" + Random(Base64, 30) + "." + Random(Base64, 20); return new(v, [v]); }
            case 18: { var v = Random(Alnum, 16); return new(Pad(40 + _random.Next(1100)) + "password=" + v, [v]); }
            case 19: { var g = Guid(); return new(Pad(40 + _random.Next(1100)) + g, Parts(g)); }
            case 20: { var n = Capital(Name()); return new(Pad(40 + _random.Next(1100)) + n, [n]); }
            case 21: { var v = Random("0123456789", 16); var groups = string.Join(' ', v.Chunk(4).Select(c => new string(c))); return new(groups, [groups]); }
            case 22: { var v = Random(Alnum, 10) + "%40" + Name() + "%2Ecom"; return new(v, [v[..10]]); }
            default: { var v = Random(Base64, 20) + "=="; return new(v, [v[..20]]); }
        }
    }

    /// <summary>A secret as a header value: base64 credentials and keys as MS-CV, padded or dashed GUIDs as ids.</summary>
    public (string Name, string Value, string[] Fragments) Header()
    {
        switch (_random.Next(6))
        {
            case 0: { var v = Convert.ToBase64String(Encoding.UTF8.GetBytes(Name() + ":" + Random(Alnum, 10))); return ("MS-CV", v + Pick(["", ".1", ".1.2"]), [v.TrimEnd('=')]); }
            case 1: { var v = Random(Base64, 40); return ("MS-CV", v + ".0", [v]); }
            case 2: { var v = Convert.ToBase64String(Encoding.UTF8.GetBytes(Name() + "@" + Name() + ".com")); return ("MS-CV", v, [v.TrimEnd('=')]); }
            case 3: { var g = Guid(); return (Pick(["MS-RequestId", "MS-CorrelationId"]), Pick(["\u00A0", "\u0085", "\u2007", " "]) + g + Pick(["", "\u00A0", "\u0085"]), Parts(g)); }
            case 4: { var g = Guid(); return (Pick(["MS-RequestId", "MS-CorrelationId"]), JoinGuid(g, Pick(Dashes[1..])), Parts(g)); }
            default: { var v = "Basic " + Random(Base64, 24); return ("MS-CV", v, [v[6..]]); }
        }
    }

    public string Pick(string[] values) => values[_random.Next(values.Length)];

    public int Below(int max) => _random.Next(max);

    private static string[] Parts(string guid) => [guid];

    private static string JoinGuid(string guid, string dash) => guid.Replace("-", dash, StringComparison.Ordinal);

    private static string Capital(string name) => char.ToUpperInvariant(name[0]) + name[1..];

    private string Guid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes).ToString("D");
    }

    private string Random(string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[_random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    private string Name() => string.Concat(Enumerable.Range(0, 3).Select(_ => Pick(Syllables)));

    private string[] Passphrase() => [.. Enumerable.Range(0, 3).Select(_ => Pick(PassphraseWords)).Distinct()];

    private string[] Octets() => [.. Enumerable.Range(0, 4).Select(_ => (100 + _random.Next(156)).ToString(CultureInfo.InvariantCulture))];

    private string Pad(int count)
    {
        var pad = Pick(Pads);
        return string.Concat(Enumerable.Repeat(pad, pad.Length > 1 ? count / pad.Length + 1 : count));
    }

    private string Phone(string[] groups)
    {
        var digits = Pick(Digits);
        string Script(string g) => string.Concat(g.Select(c => digits[c - '0']));
        var separator = Pick(["-", "\u2013", "/", ".", " ", "\u2011"]);
        return Pick(["+1 ", "+44 ", "", "("]) + Script(groups[0]) + Pick([") ", separator]) + Script(groups[1]) + separator + Script(groups[2]);
    }
}

/// <summary>A generated secret: its text as embedded, the random parts that must not come out, and words that must not come out.</summary>
internal sealed record Secret(string Text, string[] Fragments, string[]? Words = null);
