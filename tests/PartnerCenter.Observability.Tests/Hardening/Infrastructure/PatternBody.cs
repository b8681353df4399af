using System.Text;
using Microsoft.AspNetCore.Http;

namespace PartnerCenter.Observability.Hardening.Tests.Infrastructure;

/// <summary>
/// A body of any size (4 GiB included) generated on the fly: a Partner Center error head, then a 64-character alphabet
/// repeated, so that the byte at any offset is known without keeping the body anywhere.
/// </summary>
internal static class PatternBody
{
    public const int BlockSize = 64 * 1024;
    private static readonly byte[] Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8.ToArray();
    private static readonly byte[] Head = Encoding.UTF8.GetBytes("{\"code\": 800003, \"description\": \"Internal error.\", \"data\": \"");

    /// <summary>The block every 64 KiB-aligned block after the first is equal to.</summary>
    public static readonly byte[] Repeating = [.. Enumerable.Range(0, BlockSize).Select(i => Alphabet[i % Alphabet.Length])];

    /// <summary>The first block: the head, then the alphabet aligned to the offset.</summary>
    public static readonly byte[] First = [.. Head, .. Repeating.AsSpan(Head.Length).ToArray()];

    /// <summary>Whether <paramref name="chunk"/> is exactly the body's bytes from <paramref name="offset"/> on.</summary>
    public static bool Matches(long offset, ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            var inBlock = (int)(offset % BlockSize);
            var block = offset < BlockSize ? First : Repeating;
            var count = Math.Min(chunk.Length, BlockSize - inBlock);
            if (!chunk[..count].SequenceEqual(block.AsSpan(inBlock, count)))
            {
                return false;
            }

            chunk = chunk[count..];
            offset += count;
        }

        return true;
    }

    /// <summary>Writes <paramref name="size"/> bytes of the body; returns how many were written before the client went away.</summary>
    public static async Task<long> WriteAsync(HttpResponse response, long size, CancellationToken cancellationToken)
    {
        long written = 0;
        try
        {
            // Kestrel drops writes to an aborted connection without failing them: watch the abort itself.
            while (written < size && !cancellationToken.IsCancellationRequested)
            {
                var block = written == 0 ? First : Repeating;
                var count = (int)Math.Min(BlockSize, size - written);
                await response.Body.WriteAsync(block.AsMemory(0, count), cancellationToken);
                written += count;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The client disposed the response: Kestrel aborts the connection and the write fails.
        }

        return written;
    }
}
