using System.Numerics;

namespace RelationshipKit.Internal;

/// <summary>
/// Finds several order statistics of a span at once (multi-quickselect with three-way partitioning), in
/// expected linear time and without sorting the whole span.
/// </summary>
/// <remarks>
/// Three-way partitioning (values below, equal to and above the pivot) makes runs of equal values, common in
/// RFM data (most customers buy once), cost one pass. The pivot is the median of three positions chosen by a
/// deterministic generator; after 2·log2(n) + 8 levels of recursion a sub-span is sorted instead (introselect),
/// so crafted input cannot make it quadratic. The result does not depend on the pivot choice.
/// </remarks>
internal static class OrderStatistics
{
    private const int SmallSpan = 24;

    /// <summary>
    /// Writes to <paramref name="results"/>[i] the element that would sit at <paramref name="positions"/>[i] if
    /// <paramref name="items"/> were sorted by <paramref name="comparer"/>. <paramref name="items"/> is reordered.
    /// </summary>
    /// <param name="items">The items; reordered in place.</param>
    /// <param name="positions">0-based positions, ascending (repeats allowed), each in [0, items.Length).</param>
    /// <param name="results">Receives one item per position.</param>
    /// <param name="comparer">The order.</param>
    public static void Select<T, TComparer>(Span<T> items, ReadOnlySpan<int> positions, Span<T> results, TComparer comparer)
        where TComparer : struct, IComparer<T>
    {
        if (positions.IsEmpty)
        {
            return;
        }

        int depthLimit = (2 * BitOperations.Log2((uint)Math.Max(items.Length, 1))) + 8;
        uint seed = 0x9E3779B9u ^ (uint)items.Length;
        SelectCore(items, 0, positions, results, comparer, depthLimit, ref seed);
    }

    private static void SelectCore<T, TComparer>(
        Span<T> items,
        int offset,
        ReadOnlySpan<int> positions,
        Span<T> results,
        TComparer comparer,
        int depth,
        ref uint seed)
        where TComparer : struct, IComparer<T>
    {
        while (true)
        {
            if (positions.IsEmpty)
            {
                return;
            }

            if (items.Length <= SmallSpan || depth-- <= 0)
            {
                items.Sort(comparer);
                for (int p = 0; p < positions.Length; p++)
                {
                    results[p] = items[positions[p] - offset];
                }

                return;
            }

            T pivot = MedianOfThree(items, comparer, ref seed);

            // Dutch national flag: [0, lt) < pivot, [lt, i) == pivot, (gt, end] > pivot.
            int lt = 0;
            int i = 0;
            int gt = items.Length - 1;
            while (i <= gt)
            {
                int c = comparer.Compare(items[i], pivot);
                if (c < 0)
                {
                    (items[lt], items[i]) = (items[i], items[lt]);
                    lt++;
                    i++;
                }
                else if (c > 0)
                {
                    (items[gt], items[i]) = (items[i], items[gt]);
                    gt--;
                }
                else
                {
                    i++;
                }
            }

            // Split the positions (ascending) into the three parts.
            int lowCount = 0;
            while (lowCount < positions.Length && positions[lowCount] - offset < lt)
            {
                lowCount++;
            }

            int midEnd = lowCount;
            while (midEnd < positions.Length && positions[midEnd] - offset <= gt)
            {
                results[midEnd] = pivot;
                midEnd++;
            }

            if (lowCount > 0)
            {
                SelectCore(items[..lt], offset, positions[..lowCount], results[..lowCount], comparer, depth, ref seed);
            }

            // Continue with the upper part in this frame.
            items = items[(gt + 1)..];
            offset += gt + 1;
            positions = positions[midEnd..];
            results = results[midEnd..];
        }
    }

    private static T MedianOfThree<T, TComparer>(Span<T> items, TComparer comparer, ref uint seed)
        where TComparer : struct, IComparer<T>
    {
        uint n = (uint)items.Length;
        T a = items[(int)(Next(ref seed) % n)];
        T b = items[(int)(Next(ref seed) % n)];
        T c = items[(int)(Next(ref seed) % n)];
        if (comparer.Compare(a, b) > 0)
        {
            (a, b) = (b, a);
        }

        if (comparer.Compare(b, c) > 0)
        {
            b = c;
            if (comparer.Compare(a, b) > 0)
            {
                b = a;
            }
        }

        return b;
    }

    private static uint Next(ref uint state)
    {
        // xorshift32: deterministic, cheap; only the pivot choice depends on it.
        uint x = state;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        state = x;
        return x;
    }
}

/// <summary>Orders finite doubles by value (no NaN reaches the selection).</summary>
internal readonly struct DoubleOrder : IComparer<double>
{
    public int Compare(double x, double y) => x < y ? -1 : (x > y ? 1 : 0);
}

/// <summary>Orders customer ids by ordinal comparison of their text.</summary>
internal readonly struct CustomerIdOrder : IComparer<CustomerId>
{
    public int Compare(CustomerId x, CustomerId y) => string.CompareOrdinal(x.Value, y.Value);
}
