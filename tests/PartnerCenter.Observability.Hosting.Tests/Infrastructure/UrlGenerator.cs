using System.Globalization;
using System.Text;

namespace PartnerCenter.Observability.Hosting.Tests.Infrastructure;

/// <summary>
/// Seeded URLs with secrets where apps put them: GUIDs, emails, tokens (JWT-like and opaque), long numbers, names and
/// mixed ids in path segments (between Partner Center route words or in paths no template knows), user info, the query
/// and the fragment; to Partner Center, to a listed loopback host and to hosts nobody listed. Each case carries the
/// secret text to look for in the logs (for a GUID, its last group too, so a cut GUID is found).
/// </summary>
internal sealed class UrlGenerator
{
    private static readonly string[] Hosts =
    [
        "https://api.partnercenter.microsoft.com",
        "http://127.0.0.1:5005",
        "http://localhost:8080",
        "https://graph.microsoft.com",
        "https://login.microsoftonline.com",
        "http://[::1]:7001",
        "https://internal-billing.example.test",
    ];

    private static readonly string[] RouteWords = ["v1", "customers", "subscriptions", "orders", "carts", "invoices", "users", "products", "skus", "transfers", "profiles"];
    private static readonly string[] QueryKeys = ["token", "access_token", "email", "code", "sig", "id", "customerId", "continuationToken"];
    private const string Alphanumerics = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";
    private const string Base64Url = Alphanumerics + "-_";

    private readonly Random _random;

    public UrlGenerator(int seed) => _random = new Random(seed);

    public (Uri Url, IReadOnlyList<string> Secrets) Next()
    {
        var secrets = new List<string>();
        var text = new StringBuilder(Pick(Hosts));
        if (_random.Next(4) == 0)
        {
            // User info goes right after the scheme.
            var at = text.ToString().IndexOf("://", StringComparison.Ordinal) + 3;
            text.Insert(at, $"{Secret(secrets, allowEmail: false)}:{Secret(secrets, allowEmail: false)}@");
        }

        if (_random.Next(3) == 0)
        {
            // A Partner Center-shaped path: route words with ids between them.
            text.Append("/v1/customers/").Append(Secret(secrets));
            for (var i = _random.Next(3); i > 0; i--)
            {
                text.Append('/').Append(Pick(RouteWords)).Append('/').Append(Secret(secrets));
            }
        }
        else
        {
            // Any path: words and secrets in any order, any depth.
            for (var i = 1 + _random.Next(10); i > 0; i--)
            {
                text.Append('/').Append(_random.Next(2) == 0 ? Pick(RouteWords) : Secret(secrets));
            }
        }

        if (_random.Next(2) == 0)
        {
            text.Append('?');
            for (var i = 1 + _random.Next(3); i > 0; i--)
            {
                text.Append(Pick(QueryKeys)).Append('=').Append(Uri.EscapeDataString(Secret(secrets))).Append('&');
            }

            text.Length--;
        }

        if (_random.Next(8) == 0)
        {
            text.Append('#').Append(Secret(secrets));
        }

        return (new Uri(text.ToString()), secrets);
    }

    /// <summary>A secret of a random kind, recorded with the text to look for.</summary>
    private string Secret(List<string> secrets, bool allowEmail = true)
    {
        var kind = _random.Next(allowEmail ? 7 : 6);
        switch (kind)
        {
            case 0:
                var guid = NewGuid();
                secrets.Add(guid.ToString("D"));
                secrets.Add(guid.ToString("N")[20..]);
                return _random.Next(4) == 0 ? guid.ToString("N") : guid.ToString("D");
            case 1:
                // A JWT-like bearer token.
                var jwt = $"eyJ{Chars(Base64Url, 20, 40)}.{Chars(Base64Url, 30, 80)}.{Chars(Base64Url, 30, 60)}";
                secrets.Add(jwt[..24]);
                secrets.Add(jwt[^20..]);
                return jwt;
            case 2:
                var number = (1 + _random.Next(9)).ToString(CultureInfo.InvariantCulture) + Chars("0123456789", 11, 15);
                secrets.Add(number);
                return number;
            case 3:
                // A name: letters only, the shape a route word has.
                var name = Chars(Letters, 12, 16);
                secrets.Add(name);
                return name;
            case 4:
                var opaque = Chars(Alphanumerics, 8, 40) + Chars("0123456789", 1, 2);
                secrets.Add(opaque);
                return opaque;
            case 5:
                var key = Chars(Base64Url, 16, 32) + "~" + Chars(Alphanumerics, 8, 16);
                secrets.Add(key);
                return key;
            default:
                var local = Chars(Letters, 10, 14);
                var email = $"{local}.{Chars(Letters, 4, 8)}@{Chars(Letters, 6, 10)}.onmicrosoft.com";
                secrets.Add(local);
                return email;
        }
    }

    private string Chars(string alphabet, int min, int max)
    {
        var length = _random.Next(min, max + 1);
        var text = new char[length];
        for (var i = 0; i < length; i++)
        {
            text[i] = alphabet[_random.Next(alphabet.Length)];
        }

        return new string(text);
    }

    private Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];
}
