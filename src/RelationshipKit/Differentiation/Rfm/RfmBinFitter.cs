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
    /// <param name="allowIntegerPath">Whether integer values within a modest range may take the counting path (tests turn it off to compare the two paths).</param>
    public static RfmBins FitQuantiles(ReadOnlySpan<double> values, ReadOnlySpan<CustomerId> ids, int k, RfmTiePolicy policy, bool allowIntegerPath = true)
    {
        if (values.Length > 1 && allowIntegerPath && IntegerHistogram.TryRangeOf(values, out int min, out int max) && IntegerHistogram.Fits(min, max, values.Length))
        {
            return FitIntegers(values, min, max, ids, k, policy);
        }

        return FitGeneral(values, ids, k, policy);
    }

    /// <summary>Fits quantile bins on integer values (purchase periods), without converting them to doubles when their range allows counting.</summary>
    /// <param name="values">One value per customer.</param>
    /// <param name="ids">The customers, aligned with <paramref name="values"/>.</param>
    /// <param name="k">The number of bins.</param>
    /// <param name="policy">The tie policy.</param>
    public static RfmBins FitQuantiles(ReadOnlySpan<int> values, ReadOnlySpan<CustomerId> ids, int k, RfmTiePolicy policy)
    {
        if (values.Length > 1)
        {
            (int min, int max) = IntegerHistogram.RangeOf(values);
            if (IntegerHistogram.Fits(min, max, values.Length))
            {
                return FitIntegers(values, min, max, ids, k, policy);
            }
        }

        double[] buffer = ArrayPool<double>.Shared.Rent(Math.Max(values.Length, 1));
        try
        {
            Span<double> doubles = buffer.AsSpan(0, values.Length);
            for (int i = 0; i < values.Length; i++)
            {
                doubles[i] = values[i];
            }

            return FitGeneral(doubles, ids, k, policy);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>The general path: multi-select of the end values, then one counting pass around them.</summary>
    private static RfmBins FitGeneral(ReadOnlySpan<double> values, ReadOnlySpan<CustomerId> ids, int k, RfmTiePolicy policy)
    {
        int n = values.Length;
        int m = k - 1;
        if (n == 1)
        {
            var single = new double[m];
            Array.Fill(single, values[0]);
            return new RfmBins(policy == RfmTiePolicy.First ? RfmBinning.First : RfmBinning.Shared, single, new CustomerId?[m]);
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
        int dc = DistinctEnds(ends, distinct);

        Span<long> lessInGap = stackalloc long[dc + 1];
        Span<long> equal = stackalloc long[dc];
        Span<double> maxInGap = stackalloc double[dc + 1];
        lessInGap.Clear();
        equal.Clear();
        maxInGap.Fill(double.NegativeInfinity);
        ReadOnlySpan<double> d = distinct[..dc];
        CountAround(values, d, lessInGap, equal, maxInGap, trackMax: policy == RfmTiePolicy.Shared);

        var edges = new double[m];
        var tieBreakers = new CustomerId?[m];
        Span<long> less = stackalloc long[dc];
        Edges(n, k, policy, ends, d, lessInGap, equal, maxInGap, less, edges);
        if (policy == RfmTiePolicy.First && Straddled(n, k, less, equal, out StraddledRuns runs))
        {
            var classifier = new DoubleRunClassifier(d, runs);
            AddTieBreakers(values, ids, k, less, equal, d, runs, ref classifier, tieBreakers);
        }

        return new RfmBins(policy == RfmTiePolicy.First ? RfmBinning.First : RfmBinning.Shared, edges, tieBreakers);
    }

    /// <summary>
    /// The counting path for integer values in [<paramref name="min"/>, <paramref name="max"/>] (doubles only when each
    /// is exactly <c>(double)(int)v</c>, bit for bit): one histogram pass gives the end values, the counts below and
    /// equal to them and the predecessors, identical to what the general path finds by selection.
    /// </summary>
    private static RfmBins FitIntegers<T>(ReadOnlySpan<T> values, int min, int max, ReadOnlySpan<CustomerId> ids, int k, RfmTiePolicy policy)
        where T : struct
    {
        int n = values.Length;
        int m = k - 1;
        int range = max - min + 1;
        int[] counts = ArrayPool<int>.Shared.Rent(range);
        try
        {
            Span<int> histogram = counts.AsSpan(0, range);
            IntegerHistogram.Count(values, min, histogram);

            // 1. End values: the value of 0-based position r(j) − 1, where the cumulative count passes it.
            Span<double> ends = stackalloc double[m];
            long cumulative = 0;
            int bucket = -1;
            for (int j = 1; j <= m; j++)
            {
                long position = LastRankOfBin(j, n, k) - 1;
                while (cumulative <= position)
                {
                    cumulative += histogram[++bucket];
                }

                ends[j - 1] = min + bucket;
            }

            // 2. Distinct end values, the counts below (in the gap after the previous one) and equal, and the largest
            //    value of each gap.
            Span<double> distinct = stackalloc double[m];
            int dc = DistinctEnds(ends, distinct);

            Span<long> lessInGap = stackalloc long[dc + 1];
            Span<long> equal = stackalloc long[dc];
            Span<double> maxInGap = stackalloc double[dc + 1];
            lessInGap.Clear();
            maxInGap.Fill(double.NegativeInfinity);
            ReadOnlySpan<double> d = distinct[..dc];
            int from = 0;
            for (int c = 0; c <= dc; c++)
            {
                int to = c < dc ? (int)d[c] - min : range;
                long sum = 0;
                int top = -1;
                for (int b = from; b < to; b++)
                {
                    sum += histogram[b];
                    top = histogram[b] != 0 ? b : top;
                }

                lessInGap[c] = sum;
                if (top >= 0)
                {
                    maxInGap[c] = min + top;
                }

                if (c < dc)
                {
                    equal[c] = histogram[to];
                    from = to + 1;
                }
            }

            var edges = new double[m];
            var tieBreakers = new CustomerId?[m];
            Span<long> less = stackalloc long[dc];
            Edges(n, k, policy, ends, d, lessInGap, equal, maxInGap, less, edges);
            if (policy == RfmTiePolicy.First && Straddled(n, k, less, equal, out StraddledRuns runs))
            {
                byte[] runOfValue = ArrayPool<byte>.Shared.Rent(range);
                try
                {
                    Array.Clear(runOfValue, 0, range);
                    for (int c = 0; c < dc; c++)
                    {
                        if (runs.Contains(c))
                        {
                            runOfValue[(int)d[c] - min] = (byte)(c + 1);
                        }
                    }

                    var classifier = new IntegerRunClassifier<T>(runOfValue, min);
                    AddTieBreakers(values, ids, k, less, equal, d, runs, ref classifier, tieBreakers);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(runOfValue);
                }
            }

            return new RfmBins(policy == RfmTiePolicy.First ? RfmBinning.First : RfmBinning.Shared, edges, tieBreakers);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    /// <summary>The edges from the end values and the counts around them (<paramref name="less"/> is filled on the way).</summary>
    private static void Edges(
        int n,
        int k,
        RfmTiePolicy policy,
        ReadOnlySpan<double> ends,
        ReadOnlySpan<double> d,
        ReadOnlySpan<long> lessInGap,
        ReadOnlySpan<long> equal,
        ReadOnlySpan<double> maxInGap,
        Span<long> less,
        double[] edges)
    {
        long cumulative = 0;
        for (int c = 0; c < d.Length; c++)
        {
            less[c] = cumulative + lessInGap[c];
            cumulative = less[c] + equal[c];
        }

        for (int j = 1; j <= edges.Length; j++)
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
    }

    /// <summary>Which distinct end values need a tie-breaker: a First cut rank lies inside their run, not at its end.</summary>
    private static bool Straddled(int n, int k, ReadOnlySpan<long> less, ReadOnlySpan<long> equal, out StraddledRuns runs)
    {
        runs = default;
        for (int j = 1; j < k; j++)
        {
            long rank = LastRankOfBin(j, n, k);
            int c = RunOfRank(rank, less, equal);
            if (rank < less[c] + equal[c])
            {
                runs.Add(c);
            }
        }

        return runs.Mask != 0;
    }

    /// <summary>
    /// For every First edge whose rank cut falls inside a run of equal values, finds the id of the customer at the
    /// cut rank within that run (the run ordered by ascending id). The runs' ids are gathered in one pass (the
    /// classifier says which run, if any, a value belongs to), then selected (<see cref="CustomerIdSelect"/>).
    /// </summary>
    private static void AddTieBreakers<T, TClassifier>(
        ReadOnlySpan<T> values,
        ReadOnlySpan<CustomerId> ids,
        int k,
        ReadOnlySpan<long> less,
        ReadOnlySpan<long> equal,
        ReadOnlySpan<double> runValues,
        StraddledRuns straddled,
        ref TClassifier classifier,
        CustomerId?[] tieBreakers)
        where T : struct
        where TClassifier : struct, IRunClassifier<T>
    {
        int n = values.Length;
        int m = k - 1;
        var runs = new CustomerId[less.Length][];
        Span<int> filled = stackalloc int[RfmBinKernel.MaxEdges];
        filled.Clear();
        try
        {
            for (int c = 0; c < less.Length; c++)
            {
                if (straddled.Contains(c))
                {
                    runs[c] = ArrayPool<CustomerId>.Shared.Rent((int)equal[c]);
                }
            }

            long gathered = 0;
            for (int c = 0; c < less.Length; c++)
            {
                gathered += straddled.Contains(c) ? equal[c] : 0;
            }

            // In a method of its own: a loop inside try/finally keeps its variables in memory.
            GatherRuns(values, ids, runs, filled, gathered * 16 < n ? TargetsOf<T>(straddled, runValues) : null, ref classifier);

            Span<int> runPositions = stackalloc int[m];
            Span<int> edgeOfPosition = stackalloc int[m];
            Span<CustomerId> cutIds = new CustomerId[m];
            for (int c = 0; c < less.Length; c++)
            {
                if (!straddled.Contains(c))
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
            for (int c = 0; c < less.Length; c++)
            {
                if (runs[c] is { } run)
                {
                    ArrayPool<CustomerId>.Shared.Return(run, clearArray: true);
                }
            }
        }
    }

    /// <summary>
    /// Appends the id of each row whose value belongs to a straddled run to that run; with <paramref name="targets"/>
    /// (the runs' values, when few rows belong to them), vector blocks holding none of them are skipped.
    /// </summary>
    private static void GatherRuns<T, TClassifier>(ReadOnlySpan<T> values, ReadOnlySpan<CustomerId> ids, CustomerId[][] runs, Span<int> filled, Vector256<T>[]? targets, ref TClassifier classifier)
        where T : struct
        where TClassifier : struct, IRunClassifier<T>
    {
        int n = values.Length;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && targets is not null)
        {
            // Few values belong to a run: skip blocks that hold none of the runs' values (a filter only, the
            // classifier decides).
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                Vector256<T> x = Vector256.Create(values.Slice(i, Vector256<T>.Count));
                Vector256<T> hit = Vector256<T>.Zero;
                foreach (Vector256<T> target in targets)
                {
                    hit |= Vector256.Equals(x, target);
                }

                if (hit.ExtractMostSignificantBits() == 0)
                {
                    continue;
                }

                for (int lane = i; lane < i + Vector256<T>.Count; lane++)
                {
                    int run = classifier.RunOf(values[lane]);
                    if (run != 0)
                    {
                        runs[run - 1][filled[run - 1]++] = ids[lane];
                    }
                }
            }
        }

        for (; i < n; i++)
        {
            int run = classifier.RunOf(values[i]);
            if (run != 0)
            {
                runs[run - 1][filled[run - 1]++] = ids[i];
            }
        }
    }

    /// <summary>The straddled end values, each broadcast to a vector of <typeparamref name="T"/> (<see cref="int"/> values are integers in range).</summary>
    private static Vector256<T>[] TargetsOf<T>(StraddledRuns straddled, ReadOnlySpan<double> distinct)
        where T : struct
    {
        var targets = new Vector256<T>[BitOperations.PopCount((uint)straddled.Mask)];
        int t = 0;
        for (int c = 0; c < distinct.Length; c++)
        {
            if (straddled.Contains(c))
            {
                targets[t++] = typeof(T) == typeof(int)
                    ? Vector256.Create((int)distinct[c]).As<int, T>()
                    : Vector256.Create(distinct[c]).As<double, T>();
            }
        }

        return targets;
    }

    /// <summary>The distinct values of the ascending <paramref name="ends"/> into <paramref name="distinct"/>; returns their number.</summary>
    private static int DistinctEnds(ReadOnlySpan<double> ends, Span<double> distinct)
    {
        int dc = 0;
        for (int j = 0; j < ends.Length; j++)
        {
            if (dc == 0 || ends[j] != distinct[dc - 1])
            {
                distinct[dc++] = ends[j];
            }
        }

        return dc;
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

/// <summary>A set of distinct end values (indexes below <see cref="RfmBinKernel.MaxEdges"/>) whose runs need tie-breakers.</summary>
internal struct StraddledRuns
{
    public int Mask { get; private set; }

    public readonly bool Contains(int c) => (Mask & (1 << c)) != 0;

    public void Add(int c) => Mask |= 1 << c;
}

/// <summary>Which straddled run (1-based; 0 for none) a value belongs to.</summary>
internal interface IRunClassifier<T>
    where T : struct
{
    int RunOf(T value);
}

/// <summary>Runs of doubles: the value is compared with all the straddled end values at once (the others are NaN, equal to none).</summary>
internal readonly struct DoubleRunClassifier : IRunClassifier<double>
{
    private readonly Vector256<double> _p0;
    private readonly Vector256<double> _p1;
    private readonly Vector256<double> _p2;
    private readonly double[] _padded;

    public DoubleRunClassifier(ReadOnlySpan<double> distinct, StraddledRuns runs)
    {
        _padded = new double[RfmBinKernel.MaxEdges];
        Array.Fill(_padded, double.NaN);
        for (int c = 0; c < distinct.Length; c++)
        {
            if (runs.Contains(c))
            {
                _padded[c] = distinct[c];
            }
        }

        _p0 = Vector256.Create<double>(_padded.AsSpan(0, 4));
        _p1 = Vector256.Create<double>(_padded.AsSpan(4, 4));
        _p2 = Vector256.Create<double>(_padded.AsSpan(8, 4));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RunOf(double value)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> x = Vector256.Create(value);
            uint hits = Vector256.Equals(_p0, x).ExtractMostSignificantBits()
                | (Vector256.Equals(_p1, x).ExtractMostSignificantBits() << 4)
                | (Vector256.Equals(_p2, x).ExtractMostSignificantBits() << 8);
            return hits == 0 ? 0 : BitOperations.TrailingZeroCount(hits) + 1;
        }

        for (int c = 0; c < _padded.Length; c++)
        {
            if (_padded[c] == value)
            {
                return c + 1;
            }
        }

        return 0;
    }
}

/// <summary>Runs of integer values (ints, or doubles known to be integers in range): a table lookup.</summary>
internal readonly struct IntegerRunClassifier<T>(byte[] runOfValue, int min) : IRunClassifier<T>
    where T : struct
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RunOf(T value) => runOfValue[IntegerHistogram.ToInt(value) - min];
}

