using System.Runtime.InteropServices;

namespace PartnerCenter.Observability.Simulator.Scenarios;

/// <summary>
/// A SplitMix64 stream keyed on (seed, scenario, sequence): the same key always gives the same numbers, on every
/// platform and .NET version (unlike <see cref="Random"/>, whose algorithm is not specified).
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal struct DeterministicRandom
{
    private ulong _state;

    public DeterministicRandom(int seed, int stream, long sequence)
    {
        _state = Mix(Mix(Mix((uint)seed) ^ (uint)stream) ^ (ulong)sequence);
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A number in [0, <paramref name="exclusiveMax"/>); the modulo bias over 64 bits is negligible.</summary>
    public int Next(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);
        return (int)(NextUInt64() % (ulong)exclusiveMax);
    }

    public bool NextBool() => (NextUInt64() & 1) == 1;

    /// <summary>The SplitMix64 finaliser.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A GUID made of the next 128 bits (version 4 layout), for ids that follow the seed.</summary>
    public Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, NextUInt64());
        BitConverter.TryWriteBytes(bytes[8..], NextUInt64());
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
