using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
        QuantileSelect.Select(values, positions, ends);

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
        CountAround(values, d, lessInGap, equal, maxInGap, trackMax: policy == RfmTiePolicy.Shared);

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
    /// cut rank within that run (the run ordered by ascending id). The runs are gathered in one pass.
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

        // Which distinct end values need a tie-breaker: the cut rank lies inside their run, not at its end.
        Span<bool> straddled = stackalloc bool[distinct.Length];
        int straddledCount = 0;
        for (int j = 1; j <= m; j++)
        {
            long rank = LastRankOfBin(j, n, k);
            int c = RunOfRank(rank, less, equal);
            if (rank < less[c] + equal[c] && !straddled[c])
            {
                straddled[c] = true;
                straddledCount++;
            }
        }

        if (straddledCount == 0)
        {
            return;
        }

        var runs = new CustomerId[distinct.Length][];
        var filled = new int[distinct.Length];
        try
        {
            Span<double> padded = stackalloc double[RfmBinKernel.MaxEdges];
            padded.Fill(double.NaN);
            for (int c = 0; c < distinct.Length; c++)
            {
                if (straddled[c])
                {
                    runs[c] = ArrayPool<CustomerId>.Shared.Rent((int)equal[c]);
                    padded[c] = distinct[c];
                }
            }

            // One pass: append each customer whose value is a straddled end value to that value's run (the value is
            // compared with all of them at once; the padding and the end values that need no run are NaN, equal to none).
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<double> p0 = Vector256.Create<double>(padded[..4]);
                Vector256<double> p1 = Vector256.Create<double>(padded[4..8]);
                Vector256<double> p2 = Vector256.Create<double>(padded[8..12]);
                for (int i = 0; i < n; i++)
                {
                    Vector256<double> x = Vector256.Create(values[i]);
                    uint hits = Vector256.Equals(p0, x).ExtractMostSignificantBits()
                        | (Vector256.Equals(p1, x).ExtractMostSignificantBits() << 4)
                        | (Vector256.Equals(p2, x).ExtractMostSignificantBits() << 8);
                    if (hits != 0)
                    {
                        int c = BitOperations.TrailingZeroCount(hits);
                        runs[c][filled[c]++] = ids[i];
                    }
                }
            }
            else
            {
                for (int i = 0; i < n; i++)
                {
                    double v = values[i];
                    for (int c = 0; c < distinct.Length; c++)
                    {
                        if (padded[c] == v)
                        {
                            runs[c][filled[c]++] = ids[i];
                            break;
                        }
                    }
                }
            }

            Span<int> runPositions = stackalloc int[m];
            Span<int> edgeOfPosition = stackalloc int[m];
            Span<CustomerId> cutIds = new CustomerId[m];
            for (int c = 0; c < distinct.Length; c++)
            {
                if (!straddled[c])
                {
                    continue;
                }

                int count = 0;
                for (int j = 1; j <= m; j++)
                {
                    long rank = LastRankOfBin(j, n, k);
                    if (rank > less[c] && rank < less[c] + equal[c])
                    {
                        runPositions[count] = (int)(rank - less[c] - 1);
                        edgeOfPosition[count] = j - 1;
                        count++;
                    }
                }

                CustomerIdSelect.Select(runs[c].AsSpan(0, filled[c]), runPositions[..count], cutIds[..count]);
                for (int t = 0; t < count; t++)
                {
                    tieBreakers[edgeOfPosition[t]] = cutIds[t];
                }
            }
        }
        finally
        {
            foreach (CustomerId[]? run in runs)
            {
                if (run is not null)
                {
                    ArrayPool<CustomerId>.Shared.Return(run, clearArray: true);
                }
            }
        }
    }

    /// <summary>The index of the distinct end value whose run holds 1-based rank <paramref name="rank"/>.</summary>
    private static int RunOfRank(long rank, ReadOnlySpan<long> less, ReadOnlySpan<long> equal)
    {
        for (int c = 0; c < less.Length; c++)
        {
            if (rank > less[c] && rank <= less[c] + equal[c])
            {
                return c;
            }
        }

        throw new InvalidOperationException("A cut rank lies in no run of an end value.");
    }

    /// <summary>
    /// One pass: for each distinct end value d[c], how many values lie strictly between d[c − 1] and d[c]
    /// (<paramref name="lessInGap"/>[c], with the largest of them in <paramref name="maxInGap"/>[c] when
    /// <paramref name="trackMax"/>: only the <see cref="RfmTiePolicy.Shared"/> edges need it) and how many equal d[c].
    /// </summary>
    private static void CountAround(ReadOnlySpan<double> values, ReadOnlySpan<double> d, Span<long> lessInGap, Span<long> equal, Span<double> maxInGap, bool trackMax)
    {
        Span<double> padded = stackalloc double[RfmBinKernel.MaxEdges];
        padded.Fill(double.PositiveInfinity);
        d.CopyTo(padded);
        if (!Vector256.IsHardwareAccelerated)
        {
            foreach (double v in values)
            {
                int c = 0;
                while (c < d.Length && d[c] < v)
                {
                    c++;
                }

                Tally(v, c, d, lessInGap, equal, maxInGap);
            }

            return;
        }

        Vector256<double> e0 = Vector256.Create<double>(padded[..4]);
        Vector256<double> e1 = Vector256.Create<double>(padded[4..8]);
        Vector256<double> e2 = Vector256.Create<double>(padded[8..12]);
        if (trackMax)
        {
            foreach (double v in values)
            {
                Vector256<double> x = Vector256.Create(v);
                int c = BitOperations.PopCount(Vector256.LessThan(e0, x).ExtractMostSignificantBits())
                    + BitOperations.PopCount(Vector256.LessThan(e1, x).ExtractMostSignificantBits())
                    + BitOperations.PopCount(Vector256.LessThan(e2, x).ExtractMostSignificantBits());
                Tally(v, c, d, lessInGap, equal, maxInGap);
            }

            return;
        }

        // Without the maxima: one counter per (gap or end value), chosen without a branch (whether a value equals
        // its end value is as unpredictable as the values).
        Span<long> counts = stackalloc long[2 * RfmBinKernel.MaxEdges];
        counts.Clear();
        foreach (double v in values)
        {
            Vector256<double> x = Vector256.Create(v);
            int c = BitOperations.PopCount(Vector256.LessThan(e0, x).ExtractMostSignificantBits())
                + BitOperations.PopCount(Vector256.LessThan(e1, x).ExtractMostSignificantBits())
                + BitOperations.PopCount(Vector256.LessThan(e2, x).ExtractMostSignificantBits());
            counts[(2 * c) + Unsafe.BitCast<bool, byte>(padded[c] == v)]++;
        }

        for (int c = 0; c <= d.Length; c++)
        {
            lessInGap[c] += counts[2 * c];
            if (c < d.Length)
            {
                equal[c] += counts[(2 * c) + 1];
            }
        }
    }

    private static void Tally(double v, int c, ReadOnlySpan<double> d, Span<long> lessInGap, Span<long> equal, Span<double> maxInGap)
    {
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

    private static long CeilDiv(long a, long b) => a <= 0 ? -((-a) / b) : ((a - 1) / b) + 1;
}
