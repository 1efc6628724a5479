using System.Buffers;
using System.Runtime.Intrinsics;

namespace RelationshipKit.Internal;

/// <summary>
/// Order statistics of a large span of finite doubles in three passes: min and max, a histogram of 65,536 equal-width
/// buckets, and a gather of the few buckets that hold the wanted ranks, which are then selected exactly
/// (<see cref="OrderStatistics"/>). Much faster than partitioning the whole span, and exact: bucketing is monotone, so
/// rank r lies in the bucket where the cumulative count passes r.
/// </summary>
internal static class QuantileSelect
{
    private const int Buckets = 1 << 16;
    private const int SmallSpan = 1 << 13;

    /// <summary>Writes to <paramref name="results"/>[i] the value of 0-based rank <paramref name="positions"/>[i] (ascending) of <paramref name="values"/>.</summary>
    public static void Select(ReadOnlySpan<double> values, ReadOnlySpan<int> positions, Span<double> results)
    {
        int n = values.Length;
        if (positions.IsEmpty)
        {
            return;
        }

        (double min, double max) = MinMax(values);
        double width = max - min;
        if (n <= SmallSpan || !double.IsFinite(width) || width == 0)
        {
            if (width == 0)
            {
                results[..positions.Length].Fill(min);
                return;
            }

            double[] copy = ArrayPool<double>.Shared.Rent(n);
            try
            {
                values.CopyTo(copy);
                OrderStatistics.Select(copy.AsSpan(0, n), positions, results, default(DoubleOrder));
            }
            finally
            {
                ArrayPool<double>.Shared.Return(copy);
            }

            return;
        }

        double scale = Buckets / width;
        int[] counts = ArrayPool<int>.Shared.Rent(Buckets);
        try
        {
            Span<int> histogram = counts.AsSpan(0, Buckets);
            Count(values, min, scale, histogram);

            // For each wanted rank: its bucket and its rank inside the bucket.
            Span<int> bucketOfPosition = stackalloc int[positions.Length];
            Span<int> rankInBucket = stackalloc int[positions.Length];
            int cumulative = 0;
            int bucket = 0;
            for (int p = 0; p < positions.Length; p++)
            {
                while (cumulative + histogram[bucket] <= positions[p])
                {
                    cumulative += histogram[bucket];
                    bucket++;
                }

                bucketOfPosition[p] = bucket;
                rankInBucket[p] = positions[p] - cumulative;
            }

            // Gather the distinct wanted buckets in one pass (a byte per bucket says which slot collects it), then
            // select inside each.
            Span<int> slotBucket = stackalloc int[positions.Length];
            int slots = 0;
            for (int p = 0; p < positions.Length; p++)
            {
                if (slots == 0 || slotBucket[slots - 1] != bucketOfPosition[p])
                {
                    slotBucket[slots++] = bucketOfPosition[p];
                }
            }

            byte[] slotOfBucket = ArrayPool<byte>.Shared.Rent(Buckets);
            var members = new double[slots][];
            var filled = new int[slots];
            try
            {
                Array.Clear(slotOfBucket, 0, Buckets);
                for (int q = 0; q < slots; q++)
                {
                    slotOfBucket[slotBucket[q]] = (byte)(q + 1);
                    members[q] = ArrayPool<double>.Shared.Rent(histogram[slotBucket[q]]);
                }

                Gather(values, min, scale, slotOfBucket, members, filled);

                int first = 0;
                for (int q = 0; q < slots; q++)
                {
                    int last = first;
                    while (last + 1 < positions.Length && bucketOfPosition[last + 1] == slotBucket[q])
                    {
                        last++;
                    }

                    OrderStatistics.Select(members[q].AsSpan(0, filled[q]), rankInBucket[first..(last + 1)], results[first..(last + 1)], default(DoubleOrder));
                    first = last + 1;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(slotOfBucket);
                foreach (double[]? array in members)
                {
                    if (array is not null)
                    {
                        ArrayPool<double>.Shared.Return(array);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    // The passes over all the values are methods of their own: inside the caller's try/finally their variables would
    // be kept in memory.
    private static void Count(ReadOnlySpan<double> values, double min, double scale, Span<int> histogram)
    {
        histogram.Clear();
        foreach (double v in values)
        {
            histogram[BucketOf(v, min, scale)]++;
        }
    }

    private static void Gather(ReadOnlySpan<double> values, double min, double scale, byte[] slotOfBucket, double[][] members, int[] filled)
    {
        foreach (double v in values)
        {
            int slot = slotOfBucket[BucketOf(v, min, scale)];
            if (slot != 0)
            {
                members[slot - 1][filled[slot - 1]++] = v;
            }
        }
    }

    private static int BucketOf(double value, double min, double scale) => Math.Min((int)((value - min) * scale), Buckets - 1);

    private static (double Min, double Max) MinMax(ReadOnlySpan<double> values)
    {
        int i = 0;
        double min = values[0];
        double max = values[0];
        if (Vector256.IsHardwareAccelerated && values.Length >= 2 * Vector256<double>.Count)
        {
            Vector256<double> vmin = Vector256.Create(values[..4]);
            Vector256<double> vmax = vmin;
            for (i = 4; i <= values.Length - 4; i += 4)
            {
                Vector256<double> v = Vector256.Create(values.Slice(i, 4));
                vmin = Vector256.Min(vmin, v);
                vmax = Vector256.Max(vmax, v);
            }

            for (int lane = 0; lane < 4; lane++)
            {
                min = Math.Min(min, vmin[lane]);
                max = Math.Max(max, vmax[lane]);
            }
        }

        for (; i < values.Length; i++)
        {
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }

        return (min, max);
    }
}
