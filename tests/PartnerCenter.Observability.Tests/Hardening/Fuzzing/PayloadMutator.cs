using System.Globalization;
using System.Text;

namespace PartnerCenter.Observability.Hardening.Tests.Fuzzing;

/// <summary>
/// Generates and mutates error payloads, deterministically from a seed: bit flips, interesting bytes, truncation,
/// deletion, duplication, JSON fragments, deep nesting, huge strings, invalid UTF-8, BOMs, numbers with exponents,
/// splices of two seeds, \u escapes, comments and white space; and whole documents built from random fields.
/// </summary>
internal sealed class PayloadMutator
{
    public const int Capacity = 512 * 1024;

    private static readonly byte[][] Fragments = [.. new[]
    {
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\"code\":", "\"code\": 800020", "\"code\": \"800020\"", "\"errorCode\": 900123,",
        "\"description\": \"", "\"description\": \"The catalog item isn't eligible for purchase.\"", "\"message\": \"try again later\"",
        "\"error\": {", "\"error\": {\"code\": \"x\", \"message\": \"y\"}", "\"data\": [", "null", "true", "false", "1e999", "-0.0e-5",
        "8.0002E+5", "800020.0", "99999999999999999999999", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\\u0000", "\"\\u0041\"", "// comment\n",
        "/* comment */", "/*", "\r\n\t ", ",,", "\"a\":", "{\"a\":{\"b\":{\"c\":[]}}}", "\"description\": 42", "\"code\": [800020]",
        "\"code\": {\"n\": 1}", "\"code\": -800020", "\"code\": 0x1F", "\"code\": NaN", "\"code\": Infinity", "\"code\": \"  800020  \"",
        "\"code\": \"80 00 20\"", "\"code\": \"８００００２０\"", "jane.doe@contoso.com", "5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11",
        "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhYmMifQ.c2ln", "?filter=secret&token=abc", "{0}", "{1}",
    }.Select(Encoding.UTF8.GetBytes)];

    private static readonly byte[] Interesting = [0x00, 0xFF, 0x80, 0xC0, 0xC3, 0xED, 0xEF, 0xBB, 0xBF, 0xF0, 0xF4, 0xF8, (byte)'"', (byte)'\\', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)':', (byte)'\n', (byte)' ', (byte)'/', (byte)'*', (byte)'e', (byte)'E', (byte)'-', (byte)'+', (byte)'.', (byte)'0', (byte)'9'];

    private static readonly byte[][] InvalidUtf8 = [[0xC3, 0x28], [0xA0, 0xA1], [0xE2, 0x28, 0xA1], [0xE2, 0x82, 0x28], [0xF0, 0x28, 0x8C, 0xBC], [0xF8, 0xA1, 0xA1, 0xA1, 0xA1], [0xED, 0xA0, 0x80], [0xFF], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80]];

    private static readonly string[] Numbers = ["800020", "8.0002e5", "8.0002E+5", "800020.0", "8000200e-1", "-0", "0", "1e-7", "1E+308", "1e999", "-1e999", "0.000000001", "99999999999999999999", "-9223372036854775809", "00800020", "1.", ".5", "1e", "1e+", "--1"];

    private static readonly string[] Descriptions =
    [
        "The catalog item isn't eligible for purchase.", "Subscription {0} cannot be migrated.", "Rate limit is exceeded. Try again later.",
        "Customer 5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11 does not exist for jane@contoso.com", "Your cancellation window has passed",
        "You don't have the appropriate role privilege", "Too many requests, limit exceeded", "The request is being processed by another request.",
        "token eyJhbGciOiJIUzI1NiJ9eyJzdWIiOiIxMjM0NTY3ODkwIn0abcdefghijklmnop expired", "see https://example.com/a?b=c&d=e", "",
    ];

    private readonly Random _random;
    private readonly byte[][] _seeds;
    private readonly byte[] _buffer = new byte[Capacity];
    private int _length;

    public PayloadMutator(int seed, IReadOnlyList<byte[]> seeds)
    {
        _random = new Random(seed);
        _seeds = [.. seeds];
    }

    public ReadOnlySpan<byte> Current => _buffer.AsSpan(0, _length);

    public Random Random => _random;

    /// <summary>The next payload: a seed or a generated document, with one to four mutations (a few left as they are).</summary>
    public ReadOnlySpan<byte> Next()
    {
        if (_random.Next(4) == 0)
        {
            Generate();
        }
        else
        {
            Load(_seeds[_random.Next(_seeds.Length)]);
        }

        var mutations = _random.Next(20) == 0 ? 0 : 1 + _random.Next(4);
        for (var i = 0; i < mutations; i++)
        {
            Mutate();
        }

        return Current;
    }

    private void Load(ReadOnlySpan<byte> bytes)
    {
        _length = Math.Min(bytes.Length, Capacity);
        bytes[.._length].CopyTo(_buffer);
    }

    private void Mutate()
    {
        switch (_random.Next(16))
        {
            case 0:
                for (var flips = 1 + _random.Next(8); flips > 0 && _length > 0; flips--)
                {
                    _buffer[_random.Next(_length)] ^= (byte)(1 << _random.Next(8));
                }

                break;
            case 1:
                if (_length > 0)
                {
                    _buffer[_random.Next(_length)] = Interesting[_random.Next(Interesting.Length)];
                }

                break;
            case 2:
                _length = _length == 0 ? 0 : _random.Next(_length);
                break;
            case 3:
                if (_length > 0)
                {
                    var start = _random.Next(_length);
                    Delete(start, 1 + _random.Next(Math.Min(64, _length - start)));
                }

                break;
            case 4:
                if (_length > 0)
                {
                    var start = _random.Next(_length);
                    var count = 1 + _random.Next(Math.Min(256, _length - start));
                    Insert(_random.Next(_length + 1), _buffer.AsSpan(start, count).ToArray());
                }

                break;
            case 5:
            case 6:
                Insert(_random.Next(_length + 1), Fragments[_random.Next(Fragments.Length)]);
                break;
            case 7:
                Nest(1 + _random.Next(_random.Next(10) == 0 ? 5000 : 100));
                break;
            case 8:
                if (_random.Next(8) == 0)
                {
                    HugeString();
                }
                else
                {
                    Insert(_random.Next(_length + 1), Fragments[_random.Next(Fragments.Length)]);
                }

                break;
            case 9:
                Insert(_random.Next(_length + 1), InvalidUtf8[_random.Next(InvalidUtf8.Length)]);
                break;
            case 10:
                Insert(_random.Next(4) == 0 ? _random.Next(_length + 1) : 0, [0xEF, 0xBB, 0xBF]);
                break;
            case 11:
                ReplaceNumber();
                break;
            case 12:
                Splice();
                break;
            case 13:
                Escape();
                break;
            case 14:
                Insert(_random.Next(_length + 1), Encoding.UTF8.GetBytes(_random.Next(3) switch { 0 => " \t\r\n ", 1 => "/* x */", _ => "// y\n" }));
                break;
            default:
                if (_length > 0)
                {
                    // Swap two bytes: keeps the length, shuffles the structure.
                    var a = _random.Next(_length);
                    var b = _random.Next(_length);
                    (_buffer[a], _buffer[b]) = (_buffer[b], _buffer[a]);
                }

                break;
        }
    }

    /// <summary>A whole document from random fields: code (number, string, exponent, object), description or message, data, nested error.</summary>
    private void Generate()
    {
        var text = new StringBuilder("{");
        var fields = 1 + _random.Next(6);
        for (var i = 0; i < fields; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            switch (_random.Next(7))
            {
                case 0:
                    text.Append("\"code\": ").Append(Numbers[_random.Next(Numbers.Length)]);
                    break;
                case 1:
                    text.Append("\"code\": \"").Append(_random.Next(2) == 0 ? _random.Next(100000, 999999).ToString(CultureInfo.InvariantCulture) : "E" + _random.Next(1000).ToString(CultureInfo.InvariantCulture)).Append('"');
                    break;
                case 2:
                    text.Append(_random.Next(2) == 0 ? "\"description\": \"" : "\"message\": \"").Append(Descriptions[_random.Next(Descriptions.Length)]).Append('"');
                    break;
                case 3:
                    text.Append("\"data\": [").Append(string.Join(", ", Enumerable.Range(0, _random.Next(5)).Select(n => n.ToString(CultureInfo.InvariantCulture)))).Append(']');
                    break;
                case 4:
                    text.Append("\"error\": {\"code\": \"").Append(_random.Next(1000)).Append("\", \"message\": \"").Append(Descriptions[_random.Next(Descriptions.Length)]).Append("\"}");
                    break;
                case 5:
                    text.Append("\"source\": \"PartnerFD\"");
                    break;
                default:
                    text.Append("\"x").Append(_random.Next(10)).Append("\": ").Append(_random.Next(3) switch { 0 => "null", 1 => "{}", _ => "\"v\"" });
                    break;
            }
        }

        Load(Encoding.UTF8.GetBytes(text.Append('}').ToString()));
    }

    private void Nest(int depth)
    {
        var open = _random.Next(2) == 0 ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        var prefix = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(open, depth)));
        var suffix = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(close, _random.Next(3) == 0 ? depth / 2 : depth)));
        var at = _random.Next(_length + 1);
        Insert(at, prefix);
        Insert(Math.Min(_length, at + prefix.Length + _random.Next(Math.Max(1, _length - at - prefix.Length + 1))), suffix);
    }

    private void HugeString()
    {
        var size = 1024 * (1 + _random.Next(256));
        var text = new byte[size + 20];
        "\"description\": \""u8.CopyTo(text);
        var filler = (byte)"a\\\u00e9 x9"[_random.Next(6)];
        text.AsSpan(16, size).Fill(filler is 0xE9 ? (byte)'e' : filler);
        text[^4] = (byte)'"';
        text[^3] = (byte)',';
        text[^2] = (byte)' ';
        text[^1] = (byte)' ';
        Insert(_random.Next(_length + 1), text);
    }

    private void ReplaceNumber()
    {
        var at = Current.IndexOf("\"code\""u8);
        var number = Encoding.UTF8.GetBytes("\"code\": " + Numbers[_random.Next(Numbers.Length)]);
        if (at < 0)
        {
            Insert(_random.Next(_length + 1), number);
            return;
        }

        var end = at + 6;
        while (end < _length && _buffer[end] is not ((byte)',' or (byte)'}'))
        {
            end++;
        }

        Delete(at, end - at);
        Insert(at, number);
    }

    private void Splice()
    {
        var other = _seeds[_random.Next(_seeds.Length)];
        var keep = _length == 0 ? 0 : _random.Next(_length);
        var from = other.Length == 0 ? 0 : _random.Next(other.Length);
        _length = keep;
        Insert(_length, other.AsSpan(from));
    }

    private void Escape()
    {
        for (var tries = 0; tries < 8 && _length > 0; tries++)
        {
            var at = _random.Next(_length);
            var b = _buffer[at];
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9')
            {
                Delete(at, 1);
                Insert(at, Encoding.ASCII.GetBytes("\\u" + ((int)b).ToString("X4", CultureInfo.InvariantCulture)));
                return;
            }
        }
    }

    private void Insert(int at, ReadOnlySpan<byte> bytes)
    {
        at = Math.Clamp(at, 0, _length);
        var count = Math.Min(bytes.Length, Capacity - _length);
        if (count <= 0)
        {
            return;
        }

        _buffer.AsSpan(at, _length - at).CopyTo(_buffer.AsSpan(at + count));
        bytes[..count].CopyTo(_buffer.AsSpan(at));
        _length += count;
    }

    private void Delete(int at, int count)
    {
        count = Math.Min(count, _length - at);
        _buffer.AsSpan(at + count, _length - at - count).CopyTo(_buffer.AsSpan(at));
        _length -= count;
    }
}
