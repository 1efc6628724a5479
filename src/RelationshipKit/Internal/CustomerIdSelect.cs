using System.Buffers;

namespace RelationshipKit.Internal;

/// <summary>
/// Order statistics of customer ids by ordinal order, touching each id's text once: ids are reduced to 64-bit keys (the
/// four UTF-16 units after the run's common prefix, 0 past the end), keys are selected numerically, and only the ids
/// that share the selected key are compared as strings.
/// </summary>
/// <remarks>
/// A key orders like its id whenever two keys differ (the common prefix is equal, and a shorter id packs 0, which no
/// longer id can undercut except with a NUL character, and then the keys are equal and the strings decide).
/// </remarks>
internal static class CustomerIdSelect
{
    private const int SmallSpan = 64;

    public static void Select(ReadOnlySpan<CustomerId> ids, ReadOnlySpan<int> positions, Span<CustomerId> results)
    {
        int n = ids.Length;
        if (n <= SmallSpan)
        {
            CustomerId[] copy = ids.ToArray();
            OrderStatistics.Select(copy.AsSpan(), positions, results, default(CustomerIdOrder));
            return;
        }

        int prefix = CommonPrefix(ids);
        ulong[] keys = ArrayPool<ulong>.Shared.Rent(n);
        ulong[] scratch = ArrayPool<ulong>.Shared.Rent(n);
        try
        {
            for (int i = 0; i < n; i++)
            {
                keys[i] = KeyOf(ids[i].Value, prefix);
            }

            keys.AsSpan(0, n).CopyTo(scratch);
            Span<ulong> selected = stackalloc ulong[positions.Length];
            OrderStatistics.Select(scratch.AsSpan(0, n), positions, selected, default(UInt64Order));
            for (int p = 0; p < positions.Length; p++)
            {
                ulong key = selected[p];
                int less = 0;
                var group = new List<CustomerId>();
                for (int i = 0; i < n; i++)
                {
                    if (keys[i] < key)
                    {
                        less++;
                    }
                    else if (keys[i] == key)
                    {
                        group.Add(ids[i]);
                    }
                }

                group.Sort(default(CustomerIdOrder));
                results[p] = group[positions[p] - less];
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
            ArrayPool<ulong>.Shared.Return(scratch);
        }
    }

    private static int CommonPrefix(ReadOnlySpan<CustomerId> ids)
    {
        string first = ids[0].Value;
        int prefix = first.Length;
        for (int i = 1; i < ids.Length && prefix > 0; i++)
        {
            prefix = Math.Min(prefix, first.AsSpan(0, prefix).CommonPrefixLength(ids[i].Value));
        }

        return prefix;
    }

    private static ulong KeyOf(string id, int prefix)
    {
        ulong key = 0;
        for (int c = 0; c < 4; c++)
        {
            int at = prefix + c;
            key = (key << 16) | (at < id.Length ? id[at] : 0u);
        }

        return key;
    }
}

/// <summary>Orders unsigned 64-bit keys.</summary>
internal readonly struct UInt64Order : IComparer<ulong>
{
    public int Compare(ulong x, ulong y) => x.CompareTo(y);
}
