using System.Buffers;
using System.Numerics;

namespace RelationshipKit.Internal;

/// <summary>
/// Order statistics of customer ids by ordinal order, reading each id's text about once: ids are reduced to 128-bit
/// keys (<see cref="OrdinalPrefix"/>: eight UTF-16 units from an offset, 0 past the end), keys are selected numerically (radix selection by the 8-bit digit where they first differ), and only the ids that share
/// the selected key are looked at again, eight units further on (a most-significant-digit radix selection).
/// </summary>
/// <remarks>
/// Ids that agree before the offset order like their keys whenever two keys differ: at the first differing unit the
/// larger unit wins, and an id that has ended packs 0, below any unit except NUL, where the keys tie and the next round
/// (or, past the longest id, equality) decides.
/// </remarks>
internal static class CustomerIdSelect
{
    private const int SmallSpan = 48;
    private const int UnitsPerKey = 8;

    public static void Select(ReadOnlySpan<CustomerId> ids, ReadOnlySpan<int> positions, Span<CustomerId> results) =>
        Select(ids, positions, results, offset: 0);

    /// <summary>
    /// The keys of the ids from <paramref name="offset"/>; returns the length of the longest id. Each id's text is read
    /// once, in a loop that does nothing else (the ids lie anywhere in memory, and the processor then waits on many
    /// of them at once); the keys are put in order in a second, sequential loop (see <see cref="OrdinalPrefix.InLoadOrder"/>).
    /// Hot loops live outside the caller's try/finally, which would keep their variables in memory.
    /// </summary>
    private static int ReadKeys(ReadOnlySpan<CustomerId> ids, Span<OrdinalPrefix> keys, int offset)
    {
        int longest = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            string id = ids[i].Value;
            keys[i] = offset < id.Length ? OrdinalPrefix.InLoadOrder(id.AsSpan(offset)) : default;
            longest = Math.Max(longest, id.Length);
        }

        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = keys[i].FromLoadOrder();
        }

        return longest;
    }

    /// <summary>How many keys are below <paramref name="key"/> and equal to it.</summary>
    private static (int Less, int Equal) CountAround(ReadOnlySpan<OrdinalPrefix> keys, OrdinalPrefix key)
    {
        int less = 0;
        int equal = 0;
        foreach (OrdinalPrefix k in keys)
        {
            int c = OrdinalPrefix.Compare(k, key);
            less += c < 0 ? 1 : 0;
            equal += c == 0 ? 1 : 0;
        }

        return (less, equal);
    }

    /// <summary>Copies to <paramref name="group"/> the ids whose key is <paramref name="key"/>.</summary>
    private static void Gather(ReadOnlySpan<CustomerId> ids, ReadOnlySpan<OrdinalPrefix> keys, OrdinalPrefix key, CustomerId[] group)
    {
        int g = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            if (keys[i] == key)
            {
                group[g++] = ids[i];
            }
        }
    }

    /// <summary>
    /// The key of 0-based rank <paramref name="position"/> (<paramref name="keys"/> is overwritten): a most-significant
    /// digit radix selection. The keys agree on every bit above the highest bit where any two differ, so the 8-bit digit
    /// that ends at that bit orders them; a histogram of that digit gives the digit of the wanted rank, and only the
    /// keys with that digit are kept (at least one key has another digit, so each round shrinks the keys).
    /// </summary>
    private static OrdinalPrefix SelectKey(Span<OrdinalPrefix> keys, int position)
    {
        Span<int> histogram = stackalloc int[256];
        while (keys.Length > SmallSpan)
        {
            OrdinalPrefix first = keys[0];
            ulong highBits = 0;
            ulong lowBits = 0;
            foreach (OrdinalPrefix key in keys)
            {
                highBits |= key.High ^ first.High;
                lowBits |= key.Low ^ first.Low;
            }

            if ((highBits | lowBits) == 0)
            {
                return first;
            }

            bool inHigh = highBits != 0;
            int shift = Math.Max(0, 63 - BitOperations.LeadingZeroCount(inHigh ? highBits : lowBits) - 7);
            histogram.Clear();
            if (inHigh)
            {
                foreach (OrdinalPrefix key in keys)
                {
                    histogram[(int)((key.High >> shift) & 0xFF)]++;
                }
            }
            else
            {
                foreach (OrdinalPrefix key in keys)
                {
                    histogram[(int)((key.Low >> shift) & 0xFF)]++;
                }
            }

            int digit = 0;
            while (histogram[digit] <= position)
            {
                position -= histogram[digit];
                digit++;
            }

            int kept = 0;
            for (int i = 0; i < keys.Length; i++)
            {
                OrdinalPrefix key = keys[i];
                if ((int)(((inHigh ? key.High : key.Low) >> shift) & 0xFF) == digit)
                {
                    keys[kept++] = key;
                }
            }

            keys = keys[..kept];
        }

        Span<OrdinalPrefix> selected = stackalloc OrdinalPrefix[1];
        OrderStatistics.Select(keys, [position], selected, default(OrdinalPrefixOrder));
        return selected[0];
    }

    private static void Select(ReadOnlySpan<CustomerId> ids, ReadOnlySpan<int> positions, Span<CustomerId> results, int offset)
    {
        int n = ids.Length;
        if (n <= SmallSpan)
        {
            CustomerId[] copy = ids.ToArray();
            OrderStatistics.Select(copy.AsSpan(), positions, results, default(CustomerIdOrder));
            return;
        }

        OrdinalPrefix[] keys = ArrayPool<OrdinalPrefix>.Shared.Rent(n);
        OrdinalPrefix[] scratch = ArrayPool<OrdinalPrefix>.Shared.Rent(n);
        try
        {
            int longest = ReadKeys(ids, keys.AsSpan(0, n), offset);
            for (int p = 0; p < positions.Length; p++)
            {
                keys.AsSpan(0, n).CopyTo(scratch);
                OrdinalPrefix key = SelectKey(scratch.AsSpan(0, n), positions[p]);
                (int less, int equal) = CountAround(keys.AsSpan(0, n), key);
                CustomerId[] group = ArrayPool<CustomerId>.Shared.Rent(equal);
                try
                {
                    Gather(ids, keys.AsSpan(0, n), key, group);
                    if (offset + UnitsPerKey >= longest && equal > SmallSpan)
                    {
                        // Past the longest id every id in the group is equal up to NULs: the strings decide.
                        Span<CustomerId> all = group.AsSpan(0, equal);
                        all.Sort(default(CustomerIdOrder));
                        results[p] = all[positions[p] - less];
                    }
                    else
                    {
                        Select(group.AsSpan(0, equal), [positions[p] - less], results.Slice(p, 1), offset + UnitsPerKey);
                    }
                }
                finally
                {
                    ArrayPool<CustomerId>.Shared.Return(group, clearArray: true);
                }
            }
        }
        finally
        {
            ArrayPool<OrdinalPrefix>.Shared.Return(keys);
            ArrayPool<OrdinalPrefix>.Shared.Return(scratch);
        }
    }
}
