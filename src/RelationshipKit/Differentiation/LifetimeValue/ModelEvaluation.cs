using RelationshipKit.Summaries;

namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>Evaluation of fitted purchase models: in-sample fit by repeat count and calibration/holdout prediction accuracy.</summary>
/// <remarks>All members are pure and thread-safe.</remarks>
public static class ModelEvaluation
{
    /// <summary>
    /// The in-sample fit histogram (Fader, Hardie &amp; Lee 2005, fig. 1; Hardie's note 014): for n = 0..<paramref name="maxRepeatPurchases"/>,
    /// the expected number of customers with n repeat purchases, Σ_i P(X(T_i) = n), against the actual count; the last
    /// bar is "n or more". Customers with the same T share one evaluation.
    /// </summary>
    /// <param name="model">The purchase model.</param>
    /// <param name="frequency">x per customer (whole numbers).</param>
    /// <param name="t">T per customer, in the model's unit.</param>
    /// <param name="maxRepeatPurchases">The first count of the open last bar; 1 to 100.</param>
    /// <returns>The bars.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRepeatPurchases"/> is out of range or a value is invalid.</exception>
    public static IReadOnlyList<FrequencyFitBin> EvaluateFrequencyFit(ITransactionModel model, ReadOnlySpan<double> frequency, ReadOnlySpan<double> t, int maxRepeatPurchases) =>
        EvaluateFrequencyFit(model, frequency, t, default, maxRepeatPurchases);

    /// <summary>
    /// The in-sample fit histogram of <see cref="EvaluateFrequencyFit(ITransactionModel, ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/>
    /// for rows that each stand for several customers (for example BG/BB pattern counts).
    /// </summary>
    /// <param name="model">The purchase model.</param>
    /// <param name="frequency">x per row (whole numbers).</param>
    /// <param name="t">T per row, in the model's unit.</param>
    /// <param name="weights">How many customers each row stands for (finite, 0 or more); empty for 1 each.</param>
    /// <param name="maxRepeatPurchases">The first count of the open last bar; 1 to 100.</param>
    /// <returns>The bars, in customers (sums of weights).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxRepeatPurchases"/> is out of range or a value (weight included) is invalid.</exception>
    public static IReadOnlyList<FrequencyFitBin> EvaluateFrequencyFit(ITransactionModel model, ReadOnlySpan<double> frequency, ReadOnlySpan<double> t, ReadOnlySpan<double> weights, int maxRepeatPurchases)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRepeatPurchases, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxRepeatPurchases, 100);
        if (frequency.Length != t.Length)
        {
            throw new ArgumentException($"The frequency and T spans must have the same length ({frequency.Length}, {t.Length}).", nameof(t));
        }

        if (weights.Length != 0 && weights.Length != frequency.Length)
        {
            throw new ArgumentException($"The weights span has {weights.Length} elements; the others have {frequency.Length}.", nameof(weights));
        }

        int k = maxRepeatPurchases;
        var expected = new double[k + 1];
        var actual = new double[k + 1];
        var byAge = new Dictionary<double, double>();
        for (int i = 0; i < frequency.Length; i++)
        {
            double x = frequency[i];
            if (!(x >= 0) || x != Math.Floor(x) || !(t[i] >= 0) || !double.IsFinite(t[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(frequency), $"Row {i}: frequency {x} and T {t[i]} must be a whole number and a finite age, both 0 or more.");
            }

            double w = weights.Length == 0 ? 1 : weights[i];
            if (!(w >= 0) || !double.IsFinite(w))
            {
                throw new ArgumentOutOfRangeException(nameof(weights), $"Row {i}: weight {w} must be finite and 0 or more.");
            }

            actual[(int)Math.Min(x, k)] += w;
            byAge[t[i]] = byAge.GetValueOrDefault(t[i]) + w;
        }

        foreach ((double age, double count) in byAge)
        {
            var h = new Horizon(age, model.TimeUnit);
            double below = 0;
            for (int n = 0; n < k; n++)
            {
                double p = model.ProbabilityOfPurchases(n, h);
                expected[n] += count * p;
                below += p;
            }

            expected[k] += count * Math.Max(0, 1 - below);
        }

        var bins = new FrequencyFitBin[k + 1];
        for (int n = 0; n <= k; n++)
        {
            bins[n] = new FrequencyFitBin(n, n == k, expected[n], actual[n]);
        }

        return bins;
    }

    /// <summary>
    /// Compares the purchases a model predicts for each customer's holdout window (E[X(T, T + d_i) | x, t_x, T]) with
    /// the purchases made, grouped by calibration frequency (the last group "k or more"), with MAE, RMSE and the
    /// correlation per customer.
    /// </summary>
    /// <param name="model">The purchase model fitted on the calibration period.</param>
    /// <param name="frequency">Calibration x per customer.</param>
    /// <param name="recency">Calibration t_x per customer.</param>
    /// <param name="t">Calibration T per customer.</param>
    /// <param name="holdoutFrequency">Purchases per customer in the holdout window.</param>
    /// <param name="holdoutDuration">The holdout window length per customer, in the model's unit.</param>
    /// <param name="maxFrequency">The first calibration frequency of the open last group; 1 to 100.</param>
    /// <returns>The evaluation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFrequency"/> is out of range or a value is invalid; the message gives the row.</exception>
    public static HoldoutEvaluation EvaluateHoldout(ITransactionModel model, ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> t, ReadOnlySpan<double> holdoutFrequency, ReadOnlySpan<double> holdoutDuration, int maxFrequency)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrequency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFrequency, 100);
        int n = frequency.Length;
        if (recency.Length != n || t.Length != n || holdoutFrequency.Length != n || holdoutDuration.Length != n)
        {
            throw new ArgumentException("Every column must have the same length.", nameof(holdoutFrequency));
        }

        if (n == 0)
        {
            throw new ArgumentException("There are no customers to evaluate.", nameof(frequency));
        }

        int k = maxFrequency;
        var count = new double[k + 1];
        var predicted = new double[k + 1];
        var actual = new double[k + 1];
        double abs = 0, sq = 0, sp = 0, sa = 0, spp = 0, saa = 0, spa = 0;
        for (int i = 0; i < n; i++)
        {
            SummaryColumns.CheckRow(frequency[i], recency[i], t[i], i);
            double y = holdoutFrequency[i], d = holdoutDuration[i];
            if (!(y >= 0) || !double.IsFinite(y) || !(d >= 0) || !double.IsFinite(d))
            {
                throw new ArgumentOutOfRangeException(nameof(holdoutFrequency), $"Row {i}: holdout frequency {y} and duration {d} must be finite and 0 or more.");
            }

            double p = model.ExpectedPurchases(new Horizon(d, model.TimeUnit), frequency[i], recency[i], t[i]);
            int g = (int)Math.Min(frequency[i], k);
            count[g]++;
            predicted[g] += p;
            actual[g] += y;
            abs += Math.Abs(p - y);
            sq += (p - y) * (p - y);
            sp += p;
            sa += y;
            spp += p * p;
            saa += y * y;
            spa += p * y;
        }

        var groups = new List<HoldoutGroup>();
        for (int g = 0; g <= k; g++)
        {
            if (count[g] > 0)
            {
                groups.Add(new HoldoutGroup(g, g == k, count[g], predicted[g] / count[g], actual[g] / count[g]));
            }
        }

        double covariance = spa - (sp * sa / n), vp = spp - (sp * sp / n), va = saa - (sa * sa / n);
        double correlation = vp > 0 && va > 0 ? covariance / Math.Sqrt(vp * va) : double.NaN;
        return new HoldoutEvaluation(groups, n, abs / n, Math.Sqrt(sq / n), correlation, sp, sa);
    }

    /// <summary>
    /// <see cref="EvaluateHoldout(ITransactionModel, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/>
    /// on a summary table built with an observation end (its holdout columns).
    /// </summary>
    /// <param name="model">The purchase model fitted on the calibration period.</param>
    /// <param name="customers">Summaries with holdout figures, in the model's unit.</param>
    /// <param name="maxFrequency">The first calibration frequency of the open last group; 1 to 100.</param>
    /// <returns>The evaluation.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The table has no holdout columns, is empty, or is in another unit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFrequency"/> is out of range.</exception>
    public static HoldoutEvaluation EvaluateHoldout(ITransactionModel model, CustomerSummaryTable customers, int maxFrequency)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customers);
        if (!customers.HasHoldout)
        {
            throw new ArgumentException("The table has no holdout columns: build it with an observation end after the calibration end.", nameof(customers));
        }

        if (customers.TimeUnit != model.TimeUnit)
        {
            throw new ArgumentException($"The table is in {customers.TimeUnit}s but the model works in {model.TimeUnit}s.", nameof(customers));
        }

        int n = customers.Count;
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = customers.Frequency[i];
            y[i] = customers.FrequencyHoldout[i];
        }

        return EvaluateHoldout(model, x, customers.Recency, customers.T, y, customers.DurationHoldout, maxFrequency);
    }
}
