using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RelationshipKit.Internal;

/// <summary>
/// The first eight UTF-16 units of a string as a 128-bit number (0 past the end) that orders like the strings: when two
/// prefixes differ, ordinal comparison of the strings agrees with them; when they are equal, the strings must be
/// compared. Reading eight units is two unaligned 64-bit loads, so most comparisons avoid the general string compare.
/// </summary>
internal readonly record struct OrdinalPrefix(ulong High, ulong Low)
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OrdinalPrefix Of(string text) => Of(text.AsSpan());

    /// <summary>The prefix of a span of UTF-16 units (for example a string from an offset).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OrdinalPrefix Of(ReadOnlySpan<char> span)
    {
        if (span.Length >= 8 && BitConverter.IsLittleEndian)
        {
            ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(span);
            return new OrdinalPrefix(Lanes(MemoryMarshal.Read<ulong>(bytes)), Lanes(MemoryMarshal.Read<ulong>(bytes[8..])));
        }

        return Slow(span);
    }

    /// <summary>Compares two strings by ordinal order, using their prefixes first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compare(string text, OrdinalPrefix textPrefix, string other, OrdinalPrefix otherPrefix)
    {
        if (textPrefix.High != otherPrefix.High)
        {
            return textPrefix.High < otherPrefix.High ? -1 : 1;
        }

        if (textPrefix.Low != otherPrefix.Low)
        {
            return textPrefix.Low < otherPrefix.Low ? -1 : 1;
        }

        return string.CompareOrdinal(text, other);
    }

    /// <summary>Orders two prefixes.</summary>
    public static int Compare(OrdinalPrefix x, OrdinalPrefix y) =>
        x.High != y.High ? (x.High < y.High ? -1 : 1) : (x.Low != y.Low ? (x.Low < y.Low ? -1 : 1) : 0);

    /// <summary>Four little-endian UTF-16 units, reordered so that the first unit is the most significant.</summary>
    private static ulong Lanes(ulong x)
    {
        x = BinaryPrimitives.ReverseEndianness(x);
        return ((x >> 8) & 0x00FF00FF00FF00FFUL) | ((x & 0x00FF00FF00FF00FFUL) << 8);
    }

    private static OrdinalPrefix Slow(ReadOnlySpan<char> span)
    {
        ulong high = 0;
        ulong low = 0;
        for (int c = 0; c < 4; c++)
        {
            high = (high << 16) | (c < span.Length ? span[c] : 0u);
            low = (low << 16) | (c + 4 < span.Length ? span[c + 4] : 0u);
        }

        return new OrdinalPrefix(high, low);
    }
}

/// <summary>Orders <see cref="OrdinalPrefix"/> values.</summary>
internal readonly struct OrdinalPrefixOrder : IComparer<OrdinalPrefix>
{
    public int Compare(OrdinalPrefix x, OrdinalPrefix y) => OrdinalPrefix.Compare(x, y);
}
