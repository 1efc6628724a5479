using System.Buffers;

namespace RelationshipKit.Internal;

/// <summary>
/// Order statistics of customer ids by ordinal order, reading each id's text about once: ids are reduced to 128-bit
/// keys (<see cref="OrdinalPrefix"/>: eight UTF-16 units from an offset, 0 past the end), keys are selected numerically, and only the ids that share
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
            // Each id's text is read once, in a loop that does nothing else (the ids lie anywhere in memory); the
            // keys are put in order in a second, sequential loop (see OrdinalPrefix.InLoadOrder).
            int longest = 0;
            for (int i = 0; i < n; i++)
            {
                string id = ids[i].Value;
                keys[i] = offset < id.Length ? OrdinalPrefix.InLoadOrder(id.AsSpan(offset)) : default;
                longest = Math.Max(longest, id.Length);
            }

            for (int i = 0; i < n; i++)
            {
                keys[i] = keys[i].FromLoadOrder();
            }

            keys.AsSpan(0, n).CopyTo(scratch);
            Span<OrdinalPrefix> selected = stackalloc OrdinalPrefix[positions.Length];
            OrderStatistics.Select(scratch.AsSpan(0, n), positions, selected, default(OrdinalPrefixOrder));
            for (int p = 0; p < positions.Length; p++)
            {
                OrdinalPrefix key = selected[p];
                int less = 0;
                int equal = 0;
                for (int i = 0; i < n; i++)
                {
                    int c = OrdinalPrefix.Compare(keys[i], key);
                    less += c < 0 ? 1 : 0;
                    equal += c == 0 ? 1 : 0;
                }

                CustomerId[] group = ArrayPool<CustomerId>.Shared.Rent(equal);
                try
                {
                    int g = 0;
                    for (int i = 0; i < n; i++)
                    {
                        if (keys[i] == key)
                        {
                            group[g++] = ids[i];
                        }
                    }

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
