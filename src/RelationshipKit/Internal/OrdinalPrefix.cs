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
            // Two unaligned loads without further checks (the length is checked above): when the text lies at a
            // random place in memory, a short loop body lets the processor wait on many such loads at once.
            ref byte bytes = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(span));
            return new OrdinalPrefix(Lanes(Unsafe.ReadUnaligned<ulong>(ref bytes)), Lanes(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, 8))));
        }

        return Slow(span);
    }

    /// <summary>
    /// The prefix in load order: the two 64-bit words as they lie in memory (little-endian units), turned into the
    /// prefix by <see cref="FromLoadOrder"/>. Reading many ids that lie at random places in memory goes much faster
    /// when the loop that reads them does nothing else (the processor then waits on many loads at once); the
    /// reordering of the units is a second, sequential loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OrdinalPrefix InLoadOrder(ReadOnlySpan<char> span)
    {
        if (span.Length >= 8 && BitConverter.IsLittleEndian)
        {
            ref byte bytes = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(span));
            return new OrdinalPrefix(Unsafe.ReadUnaligned<ulong>(ref bytes), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, 8)));
        }

        return SlowInLoadOrder(span);
    }

    /// <summary>The prefix of a value made by <see cref="InLoadOrder"/>: equal to <see cref="Of(ReadOnlySpan{char})"/> of the same span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public OrdinalPrefix FromLoadOrder() => new(Unload(High), Unload(Low));

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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Compare(OrdinalPrefix x, OrdinalPrefix y) =>
        x.High != y.High ? (x.High < y.High ? -1 : 1) : (x.Low != y.Low ? (x.Low < y.Low ? -1 : 1) : 0);

    /// <summary>Four little-endian UTF-16 units, reordered so that the first unit is the most significant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Lanes(ulong x)
    {
        x = BinaryPrimitives.ReverseEndianness(x);
        return ((x >> 8) & 0x00FF00FF00FF00FFUL) | ((x & 0x00FF00FF00FF00FFUL) << 8);
    }

    /// <summary>Four units in load order (the first in the low 16 bits) to the first unit most significant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Unload(ulong x) =>
        BitConverter.IsLittleEndian ? Lanes(x) : ((x & 0xFFFF) << 48) | (((x >> 16) & 0xFFFF) << 32) | (((x >> 32) & 0xFFFF) << 16) | (x >> 48);

    private static OrdinalPrefix SlowInLoadOrder(ReadOnlySpan<char> span)
    {
        ulong high = 0;
        ulong low = 0;
        for (int c = 0; c < 4; c++)
        {
            high |= (ulong)(c < span.Length ? span[c] : 0u) << (16 * c);
            low |= (ulong)(c + 4 < span.Length ? span[c + 4] : 0u) << (16 * c);
        }

        return new OrdinalPrefix(high, low);
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
