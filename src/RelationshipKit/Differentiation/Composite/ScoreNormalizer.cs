namespace RelationshipKit.Differentiation.Composite;

/// <summary>Maps one component's scores to [0, 1], fitted on a population (see <see cref="CompositeNormalization"/>).</summary>
internal sealed class ScoreNormalizer
{
    private readonly double[] _knotScores;
    private readonly double[] _knotRanks;

    internal ScoreNormalizer(CompositeNormalization normalization, double minimum, double maximum, double[] knotScores, double[] knotRanks)
    {
        Normalization = normalization;
        Minimum = minimum;
        Maximum = maximum;
        _knotScores = knotScores;
        _knotRanks = knotRanks;
    }

    public CompositeNormalization Normalization { get; }

    public double Minimum { get; }

    public double Maximum { get; }

    public ReadOnlySpan<double> KnotScores => _knotScores;

    public ReadOnlySpan<double> KnotRanks => _knotRanks;

    /// <summary>Fits on the population's scores (n ≥ 1, finite).</summary>
    public static ScoreNormalizer Fit(ReadOnlySpan<double> scores, CompositeNormalization normalization, int maxKnots)
    {
        double[] sorted = scores.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        double min = sorted[0];
        double max = sorted[^1];
        if (normalization == CompositeNormalization.MinMax)
        {
            return new ScoreNormalizer(normalization, min, max, [], []);
        }

        // Distinct values, or evenly spaced order statistics when there are too many.
        var knotScores = new List<double>();
        int distinct = 1;
        for (int i = 1; i < n; i++)
        {
            distinct += sorted[i] != sorted[i - 1] ? 1 : 0;
        }

        if (distinct <= maxKnots)
        {
            for (int i = 0; i < n; i++)
            {
                if (i == 0 || sorted[i] != sorted[i - 1])
                {
                    knotScores.Add(sorted[i]);
                }
            }
        }
        else
        {
            for (int t = 0; t < maxKnots; t++)
            {
                double x = sorted[(int)Math.Round((double)t * (n - 1) / (maxKnots - 1))];
                if (knotScores.Count == 0 || x != knotScores[^1])
                {
                    knotScores.Add(x);
                }
            }
        }

        // Percentile rank of each knot: (below + equal / 2) / n, counted exactly in the sorted scores.
        var knotRanks = new double[knotScores.Count];
        for (int k = 0; k < knotRanks.Length; k++)
        {
            int below = LowerBound(sorted, knotScores[k]);
            int upTo = UpperBound(sorted, knotScores[k]);
            knotRanks[k] = (below + ((upTo - below) / 2d)) / n;
        }

        return new ScoreNormalizer(normalization, min, max, knotScores.ToArray(), knotRanks);
    }

    /// <summary>The normalised score, in [0, 1].</summary>
    public double Normalize(double score)
    {
        if (Normalization == CompositeNormalization.MinMax)
        {
            double width = Maximum - Minimum;
            return width == 0 ? 0.5 : Math.Clamp((score - Minimum) / width, 0d, 1d);
        }

        double[] x = _knotScores;
        if (score < x[0])
        {
            return 0d;
        }

        if (score > x[^1])
        {
            return 1d;
        }

        int i = Array.BinarySearch(x, score);
        if (i >= 0)
        {
            return _knotRanks[i];
        }

        int upper = ~i;
        int lower = upper - 1;
        double fraction = (score - x[lower]) / (x[upper] - x[lower]);
        return _knotRanks[lower] + (fraction * (_knotRanks[upper] - _knotRanks[lower]));
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0;
        int hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0;
        int hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
