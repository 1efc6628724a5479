using RelationshipKit.Summaries;

namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>Distinct (x, t_x, T) rows with weights: the sufficient statistics of the purchase models, sorted by x.</summary>
internal sealed class CompressedRows(int[] x, double[] recency, double[] t, double[] weight, double totalWeight)
{
    public int[] X { get; } = x;

    public double[] Recency { get; } = recency;

    public double[] T { get; } = t;

    public double[] Weight { get; } = weight;

    public double TotalWeight { get; } = totalWeight;

    public int Count => X.Length;
}

/// <summary>Argument checks and sufficient-statistic compression shared by the lifetime-value models.</summary>
internal static class SummaryColumns
{
    public static void CheckCustomer(double frequency, double recency, double t)
    {
        if (!(frequency >= 0) || !double.IsFinite(frequency))
        {
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "The frequency must be finite and 0 or more.");
        }

        if (!(recency >= 0) || !double.IsFinite(recency))
        {
            throw new ArgumentOutOfRangeException(nameof(recency), recency, "The recency must be finite and 0 or more.");
        }

        if (!(t >= recency) || !double.IsFinite(t))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, $"T must be finite and at least the recency ({recency}).");
        }
    }

    public static void CheckRow(double frequency, double recency, double t, int row)
    {
        if (!(frequency >= 0 && recency >= 0 && t >= recency && t < double.PositiveInfinity))
        {
            string field = !(frequency >= 0) || double.IsInfinity(frequency) ? "frequency" : !(recency >= 0) ? "recency" : "t";
            throw new ArgumentOutOfRangeException(field, $"Row {row}: frequency {frequency}, recency {recency}, T {t}: need frequency ≥ 0 and 0 ≤ recency ≤ T, all finite.");
        }
    }

    public static void CheckSpans(int frequency, int recency, int t, int destination)
    {
        if (recency != frequency || t != frequency)
        {
            throw new ArgumentException($"The frequency, recency and T spans must have the same length ({frequency}, {recency}, {t}).", nameof(recency));
        }

        if (destination < frequency)
        {
            throw new ArgumentException($"The destination span is shorter ({destination}) than the inputs ({frequency}).", nameof(destination));
        }
    }

    public static CompressedRows Compress(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> t, ReadOnlySpan<double> weights)
    {
        int n = frequency.Length;
        if (recency.Length != n || t.Length != n)
        {
            throw new ArgumentException($"The frequency, recency and T columns must have the same length ({n}, {recency.Length}, {t.Length}).", nameof(recency));
        }

        if (weights.Length != 0 && weights.Length != n)
        {
            throw new ArgumentException($"The weights column must be empty or as long as the others ({weights.Length} vs {n}).", nameof(weights));
        }

        if (n == 0)
        {
            throw new ArgumentException("The population is empty: a model needs customers to be fitted on.", nameof(frequency));
        }

        var keys = new (int X, double Recency, double T)[n];
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            int x = frequency[i];
            double r = recency[i], tt = t[i];
            if (x < 0)
            {
                throw new InvalidSummaryException("frequency", $"the frequency {x} is negative.", i);
            }

            if (!double.IsFinite(r) || r < 0)
            {
                throw new InvalidSummaryException("recency", $"the recency {r} must be finite and 0 or more.", i);
            }

            if (!double.IsFinite(tt) || tt < r)
            {
                throw new InvalidSummaryException("T", $"T {tt} must be finite and at least the recency {r}.", i);
            }

            if (x == 0 && r != 0)
            {
                throw new InvalidSummaryException("recency", $"the recency is {r} but must be 0 when the frequency is 0.", i);
            }

            double wi = weights.Length == 0 ? 1 : weights[i];
            if (!double.IsFinite(wi) || wi < 0)
            {
                throw new InvalidSummaryException("weights", $"the weight {wi} must be finite and 0 or more.", i);
            }

            keys[i] = (x, r, tt);
            w[i] = wi;
        }

        Array.Sort(keys, w);
        var xs = new List<int>();
        var rs = new List<double>();
        var ts = new List<double>();
        var ws = new List<double>();
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            if (w[i] == 0)
            {
                continue;
            }

            total += w[i];
            int last = xs.Count - 1;
            if (last >= 0 && xs[last] == keys[i].X && rs[last] == keys[i].Recency && ts[last] == keys[i].T)
            {
                ws[last] += w[i];
            }
            else
            {
                xs.Add(keys[i].X);
                rs.Add(keys[i].Recency);
                ts.Add(keys[i].T);
                ws.Add(w[i]);
            }
        }

        if (!(total > 0))
        {
            throw new ArgumentException("Every weight is 0: a model needs customers to be fitted on.", nameof(weights));
        }

        return new CompressedRows(xs.ToArray(), rs.ToArray(), ts.ToArray(), ws.ToArray(), total);
    }

    public static CompressedRows Compress(CustomerSummaryTable population)
    {
        ArgumentNullException.ThrowIfNull(population);
        return Compress(population.Frequency, population.Recency, population.T, default);
    }
}
