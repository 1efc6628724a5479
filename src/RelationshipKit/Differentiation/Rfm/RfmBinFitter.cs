using System.Buffers;
using RelationshipKit.Internal;

namespace RelationshipKit.Differentiation.Rfm;

/// <summary>
/// Fits the bins of one RFM dimension from population values, without sorting the population: a multi-select of
/// the k − 1 order statistics that end the bins, one counting pass over the values, and, for
/// <see cref="RfmTiePolicy.First"/> edges inside a run of equal values, a selection of customer ids in that run.
/// </summary>
/// <remarks>
/// <para>Ranks 1..n are cut as pandas <c>qcut</c> cuts them: bin j holds the ranks r with
/// e(j−1) &lt; r ≤ e(j), e(j) = 1 + (n − 1)·j / k (the linear-interpolation quantile of 1..n at j/k), the lowest edge
/// included. Hence the bin of rank r is max(1, ⌈k(r − 1)/(n − 1)⌉) and the last rank of bin j is
/// r(j) = 1 + ⌊j(n − 1)/k⌋, computed in integers (no rounding error).</para>
/// </remarks>
internal static class RfmBinFitter
{
    /// <summary>The bin of 1-based rank <paramref name="rank"/> among <paramref name="n"/> (n ≥ 2) cut into <paramref name="k"/> bins.</summary>
    public static int BinOfRank(long rank, long n, int k) => n <= 1 ? 1 : (int)Math.Max(1, CeilDiv(k * (rank - 1), n - 1));

    /// <summary>The last 1-based rank of bin <paramref name="j"/>: 1 + ⌊j(n − 1)/k⌋.</summary>
    public static long LastRankOfBin(int j, long n, int k) => 1 + (j * (n - 1) / k);

    /// <summary>The bin of the mid-rank of a run of <paramref name="equal"/> values after <paramref name="less"/> smaller ones.</summary>
    public static int BinOfMidRank(long less, long equal, long n, int k) =>
        n <= 1 ? 1 : (int)Math.Max(1, CeilDiv(k * ((2 * less) + equal - 1), 2 * (n - 1)));

    public static RfmBins FromThresholds(IList<double> thresholds) =>
        new(RfmBinning.Thresholds, thresholds.ToArray(), new CustomerId?[thresholds.Count]);

    /// <summary>Fits quantile bins.</summary>
    /// <param name="values">One finite value per customer.</param>
    /// <param name="ids">The customers, aligned with <paramref name="values"/> (ties are broken by ascending id).</param>
    /// <param name="k">The number of bins.</param>
    /// <param name="policy">The tie policy.</param>
    public static RfmBins FitQuantiles(ReadOnlySpan<double> values, ReadOnlySpan<CustomerId> ids, int k, RfmTiePolicy policy)
    {
        int n = values.Length;
        int m = k - 1;
        var edges = new double[m];
        var tieBreakers = new CustomerId?[m];
        RfmBinning binning = policy == RfmTiePolicy.First ? RfmBinning.First : RfmBinning.Shared;
        if (n == 1)
        {
            Array.Fill(edges, values[0]);
            return new RfmBins(binning, edges, tieBreakers);
        }

        // 1. The values that end each bin under First: w(j) = the value of rank r(j).
        Span<int> positions = stackalloc int[m];
        for (int j = 1; j <= m; j++)
        {
            positions[j - 1] = (int)(LastRankOfBin(j, n, k) - 1);
        }

        Span<double> ends = stackalloc double[m];
        double[] scratch = ArrayPool<double>.Shared.Rent(n);
        try
        {
            values.CopyTo(scratch);
            OrderStatistics.Select(scratch.AsSpan(0, n), positions, ends, default(DoubleOrder));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scratch);
        }

        // 2. Distinct end values d[0..dc) ascending, and for each: how many values are below it, equal to it, and the
        //    largest value below it (its predecessor).
        Span<double> distinct = stackalloc double[m];
        int dc = 0;
        for (int j = 0; j < m; j++)
        {
            if (dc == 0 || ends[j] != distinct[dc - 1])
            {
                distinct[dc++] = ends[j];
            }
        }

        Span<long> lessInGap = stackalloc long[dc + 1];
        Span<long> equal = stackalloc long[dc];
        Span<double> maxInGap = stackalloc double[dc + 1];
        lessInGap.Clear();
        equal.Clear();
        maxInGap.Fill(double.NegativeInfinity);
        ReadOnlySpan<double> d = distinct[..dc];
        for (int i = 0; i < n; i++)
        {
            double v = values[i];
            int c = 0;
            while (c < d.Length && d[c] < v)
            {
                c++;
            }

            if (c < d.Length && d[c] == v)
            {
                equal[c]++;
            }
            else
            {
                lessInGap[c]++;
                if (v > maxInGap[c])
                {
                    maxInGap[c] = v;
                }
            }
        }

        Span<long> less = stackalloc long[dc];
        long cumulative = 0;
        for (int c = 0; c < dc; c++)
        {
            less[c] = cumulative + lessInGap[c];
            cumulative = less[c] + equal[c];
        }

        // 3. Edges.
        for (int j = 1; j <= m; j++)
        {
            double w = ends[j - 1];
            int c = d.IndexOf(w);
            if (policy == RfmTiePolicy.Shared)
            {
                int bin = BinOfMidRank(less[c], equal[c], n, k);
                // The largest value below w; below the population minimum, the largest double below it, so that
                // a new value under the whole population still gets bin 1.
                double predecessor = lessInGap[c] > 0 ? maxInGap[c] : (c > 0 ? d[c - 1] : Math.BitDecrement(w));
                edges[j - 1] = bin <= j ? w : predecessor;
            }
            else
            {
                edges[j - 1] = w;
            }
        }

        if (policy == RfmTiePolicy.First)
        {
            AddTieBreakers(values, ids, k, d, less, equal, tieBreakers);
        }

        return new RfmBins(binning, edges, tieBreakers);
    }

    /// <summary>
    /// For every First edge whose rank cut falls inside a run of equal values, finds the id of the customer at the
    /// cut rank within that run (the run ordered by ascending id).
    /// </summary>
    private static void AddTieBreakers(
        ReadOnlySpan<double> values,
        ReadOnlySpan<CustomerId> ids,
        int k,
        ReadOnlySpan<double> distinct,
        ReadOnlySpan<long> less,
        ReadOnlySpan<long> equal,
        CustomerId?[] tieBreakers)
    {
        int n = values.Length;
        int m = k - 1;
        Span<int> runPositions = stackalloc int[m];
        Span<int> edgeOfPosition = stackalloc int[m];
        Span<CustomerId> cutIds = new CustomerId[m];
        for (int c = 0; c < distinct.Length; c++)
        {
            int count = 0;
            for (int j = 1; j <= m; j++)
            {
                long rank = LastRankOfBin(j, n, k);
                bool inRun = rank > less[c] && rank <= less[c] + equal[c];
                if (inRun && rank < less[c] + equal[c])
                {
                    runPositions[count] = (int)(rank - less[c] - 1);
                    edgeOfPosition[count] = j - 1;
                    count++;
                }
            }

            if (count == 0)
            {
                continue;
            }

            int runLength = (int)equal[c];
            CustomerId[] run = ArrayPool<CustomerId>.Shared.Rent(runLength);
            try
            {
                double w = distinct[c];
                int r = 0;
                for (int i = 0; i < n; i++)
                {
                    if (values[i] == w)
                    {
                        run[r++] = ids[i];
                    }
                }

                OrderStatistics.Select(run.AsSpan(0, runLength), runPositions[..count], cutIds[..count], default(CustomerIdOrder));
                for (int t = 0; t < count; t++)
                {
                    tieBreakers[edgeOfPosition[t]] = cutIds[t];
                }
            }
            finally
            {
                ArrayPool<CustomerId>.Shared.Return(run, clearArray: true);
            }
        }
    }

    private static long CeilDiv(long a, long b) => a <= 0 ? -((-a) / b) : ((a - 1) / b) + 1;
}
