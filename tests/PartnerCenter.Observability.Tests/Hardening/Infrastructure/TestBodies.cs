using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;

namespace PartnerCenter.Observability.Hardening.Tests.Infrastructure;

/// <summary>The kinds of body the fidelity tests send, with the content type each goes out with.</summary>
public enum BodyKind
{
    /// <summary>A Partner Center error document padded to the size (cut when the size is below its minimum).</summary>
    Json,

    /// <summary>An HTML gateway page.</summary>
    Html,

    /// <summary>Plain text.</summary>
    Text,

    /// <summary>Random bytes, <c>application/octet-stream</c>.</summary>
    Binary,

    /// <summary>Random bytes mislabelled <c>application/json</c>: the handler reads and classifies them.</summary>
    BinaryAsJson,

    /// <summary>Random bytes with no content type at all: treated as JSON-like, so read and classified.</summary>
    NoContentType,
}

/// <summary>Deterministic bodies of exact sizes, and their gzip forms, cached.</summary>
internal static class TestBodies
{
    private static readonly ConcurrentDictionary<(BodyKind, int), byte[]> Plain = new();
    private static readonly ConcurrentDictionary<(BodyKind, int), byte[]> Gzipped = new();

    public static string? ContentType(BodyKind kind) => kind switch
    {
        BodyKind.Json or BodyKind.BinaryAsJson => "application/json; charset=utf-8",
        BodyKind.Html => "text/html; charset=utf-8",
        BodyKind.Text => "text/plain; charset=utf-8",
        BodyKind.Binary => "application/octet-stream",
        _ => null,
    };

    /// <summary>Forgets the cached bodies (tens of MiB), so that the memory figures of later tests do not carry them.</summary>
    public static void Clear()
    {
        Plain.Clear();
        Gzipped.Clear();
    }

    public static byte[] Get(BodyKind kind, int size) => Plain.GetOrAdd((kind, size), static key => Create(key.Item1, key.Item2));

    public static byte[] GetGzip(BodyKind kind, int size) => Gzipped.GetOrAdd((kind, size), static key =>
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Get(key.Item1, key.Item2));
        }

        return output.ToArray();
    });

    private static byte[] Create(BodyKind kind, int size)
    {
        var random = new Random(HashCode.Combine((int)kind, size) ^ 0x5EED);
        switch (kind)
        {
            case BodyKind.Json:
                return Pad(
                    "{\"code\": 800020, \"description\": \"The catalog item isn't eligible for purchase.\", \"data\": [], \"source\": \"PartnerFD\", \"padding\": \"",
                    "\"}",
                    size,
                    random);
            case BodyKind.Html:
                return Pad("<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body><p>", "</p></body></html>", size, random);
            case BodyKind.Text:
                return Pad("Service unavailable. Details: ", "\n", size, random);
            default:
                var bytes = new byte[size];
                random.NextBytes(bytes);
                return bytes;
        }
    }

    /// <summary>head + printable filler + tail, exactly <paramref name="size"/> bytes (a prefix of it when the size is smaller).</summary>
    private static byte[] Pad(string head, string tail, int size, Random random)
    {
        var headBytes = Encoding.UTF8.GetBytes(head);
        var tailBytes = Encoding.UTF8.GetBytes(tail);
        var bytes = new byte[size];
        var fill = Math.Max(0, size - headBytes.Length - tailBytes.Length);
        var whole = new byte[headBytes.Length + fill + tailBytes.Length];
        headBytes.CopyTo(whole, 0);
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,";
        for (var i = 0; i < fill; i++)
        {
            whole[headBytes.Length + i] = (byte)Alphabet[random.Next(Alphabet.Length)];
        }

        tailBytes.CopyTo(whole, headBytes.Length + fill);
        whole.AsSpan(0, size).CopyTo(bytes);
        return bytes;
    }
}
