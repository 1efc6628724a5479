namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>
/// Customer lifetime value over a horizon: margin × expected spend per purchase × discounted expected purchases,
/// where the purchases expected in each step of one model time unit are discounted at the end of that step.
/// </summary>
/// <remarks>
/// <para>CLV = m · E[M] · Σ_k (E[X(t_k)] − E[X(t_{k−1})]) / (1 + d)^(t_k), t_k = min(k, H) for k = 1..⌈H⌉, with H
/// the horizon and d the discount rate, both converted to the purchase model's <see cref="TimeUnit"/> (the rate by
/// compounding). Incremental (not cumulative) purchases are discounted, and nothing assumes 30-day months: a
/// weekly model with a monthly rate gives the same value as with the equivalent weekly rate.</para>
/// <para>E[M] is the Gamma-Gamma conditional expected spend when a spend model is given, otherwise the monetary
/// value passed in. Intervals combine both models' parameter uncertainty by the delta method (the two fits are
/// independent, so the covariance is block-diagonal), on the log scale.</para>
/// <para>Immutable and thread-safe. Cost: ⌈H⌉ evaluations of the purchase model per customer; the column overload
/// makes ⌈H⌉ column passes of the model (vectorised for BG/NBD, MBG/NBD and Pareto/NBD) with pooled scratch columns.</para>
/// </remarks>
public sealed class LifetimeValueCalculator
{
    /// <summary>Creates a calculator.</summary>
    /// <param name="transactionModel">The purchase model.</param>
    /// <param name="spendModel">The spend model, or <see langword="null"/> to use each customer's own monetary value.</param>
    /// <param name="horizon">How far ahead to value; at most 100,000 model time units.</param>
    /// <param name="discountRate">The discount rate with its period.</param>
    /// <param name="margin">The profit margin applied to spend, for example 0.3; finite (1 for revenue).</param>
    /// <exception cref="ArgumentNullException"><paramref name="transactionModel"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="margin"/> is not finite, or the horizon is too long.</exception>
    /// <exception cref="ArgumentException">The purchase model is BG/BB and the horizon is not a whole number of opportunities.</exception>
    public LifetimeValueCalculator(ITransactionModel transactionModel, GammaGammaModel? spendModel, Horizon horizon, DiscountRate discountRate, double margin)
    {
        ArgumentNullException.ThrowIfNull(transactionModel);
        if (!double.IsFinite(margin))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "The margin must be finite.");
        }

        double h = horizon.In(transactionModel.TimeUnit);
        if (h > 100000)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, $"The horizon is {h} {transactionModel.TimeUnit}s; at most 100000 steps are supported.");
        }

        if (transactionModel is BgBbModel && Math.Abs(h - Math.Round(h)) > 1e-9 * Math.Max(1, h))
        {
            throw new ArgumentException($"The BG/BB model predicts whole opportunities; the horizon {horizon} is {h} of them.", nameof(horizon));
        }

        TransactionModel = transactionModel;
        SpendModel = spendModel;
        Horizon = horizon;
        DiscountRate = discountRate;
        Margin = margin;
        _steps = (int)Math.Ceiling(h - 1e-9);
        _horizonUnits = h;
        _stepDiscount = new double[_steps + 1];
        _stepTime = new double[_steps + 1];
        for (int k = 1; k <= _steps; k++)
        {
            _stepTime[k] = Math.Min(k, h);
            _stepDiscount[k] = discountRate.DiscountFactor(_stepTime[k], transactionModel.TimeUnit);
        }
    }

    private readonly int _steps;
    private readonly double _horizonUnits;
    private readonly double[] _stepDiscount;
    private readonly double[] _stepTime;

    /// <summary>The purchase model.</summary>
    public ITransactionModel TransactionModel { get; }

    /// <summary>The spend model, or <see langword="null"/>.</summary>
    public GammaGammaModel? SpendModel { get; }

    /// <summary>The valuation horizon.</summary>
    public Horizon Horizon { get; }

    /// <summary>The discount rate.</summary>
    public DiscountRate DiscountRate { get; }

    /// <summary>The margin applied to spend.</summary>
    public double Margin { get; }

    /// <summary>Σ_k (E[X(t_k)] − E[X(t_{k−1})]) / (1 + d)^(t_k): the discounted expected number of purchases over the horizon.</summary>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x, in the purchase model's unit.</param>
    /// <param name="t">T, in the purchase model's unit.</param>
    /// <returns>The discounted expected purchases.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is invalid.</exception>
    public double DiscountedExpectedPurchases(double frequency, double recency, double t)
    {
        SummaryColumns.CheckCustomer(frequency, recency, t);
        if (TransactionModel is ITransactionKernel kernel)
        {
            return Discounted(kernel, kernel.Core.Values, frequency, recency, t);
        }

        double total = 0, previous = 0;
        for (int k = 1; k <= _steps; k++)
        {
            double current = TransactionModel.ExpectedPurchases(new Horizon(_stepTime[k], TransactionModel.TimeUnit), frequency, recency, t);
            total += (current - previous) * _stepDiscount[k];
            previous = current;
        }

        return total;
    }

    /// <summary>The expected spend per purchase used for a customer: the Gamma-Gamma conditional expectation, or <paramref name="monetaryValue"/> without a spend model.</summary>
    /// <param name="frequency">x.</param>
    /// <param name="monetaryValue">The customer's mean repeat spend.</param>
    /// <returns>The expected spend.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is invalid for the spend model, or not finite.</exception>
    public double ExpectedSpend(double frequency, double monetaryValue)
    {
        if (SpendModel is { } spend)
        {
            return spend.ConditionalExpectedSpend(frequency, monetaryValue);
        }

        if (!double.IsFinite(monetaryValue))
        {
            throw new ArgumentOutOfRangeException(nameof(monetaryValue), monetaryValue, "The monetary value must be finite.");
        }

        return monetaryValue;
    }

    /// <summary>The lifetime value of one customer.</summary>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x, in the purchase model's unit.</param>
    /// <param name="t">T, in the purchase model's unit.</param>
    /// <param name="monetaryValue">The customer's mean repeat spend.</param>
    /// <returns>Margin × expected spend × discounted expected purchases.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is invalid.</exception>
    public double LifetimeValue(double frequency, double recency, double t, double monetaryValue) =>
        Margin * ExpectedSpend(frequency, monetaryValue) * DiscountedExpectedPurchases(frequency, recency, t);

    /// <summary>
    /// The residual lifetime value over an unbounded horizon in continuous time: margin × expected spend × DERT, with DERT
    /// the Pareto/NBD discounted expected residual transactions at <see cref="DiscountRate"/> (Fader, Hardie &amp; Lee 2005,
    /// "RFM and CLV"). An alternative to <see cref="LifetimeValue(double, double, double, double)"/>, which sums discrete steps
    /// up to <see cref="Horizon"/>; <see cref="Horizon"/> is not used here.
    /// </summary>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x, in the purchase model's unit.</param>
    /// <param name="t">T, in the purchase model's unit.</param>
    /// <param name="monetaryValue">The customer's mean repeat spend.</param>
    /// <returns>Margin × expected spend × DERT.</returns>
    /// <exception cref="InvalidOperationException">The purchase model is not a <see cref="ParetoNbdModel"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is invalid.</exception>
    public double ResidualLifetimeValue(double frequency, double recency, double t, double monetaryValue)
    {
        if (TransactionModel is not ParetoNbdModel pareto)
        {
            throw new InvalidOperationException($"DERT-based lifetime value needs a Pareto/NBD purchase model; this calculator has '{TransactionModel.Kind}'.");
        }

        double spend = ExpectedSpend(frequency, monetaryValue);
        return Margin * spend * pareto.DiscountedExpectedResidualPurchases(DiscountRate, frequency, recency, t);
    }

    /// <summary>The lifetime value of many customers, without allocating per customer.</summary>
    /// <param name="frequency">x per customer.</param>
    /// <param name="recency">t_x per customer.</param>
    /// <param name="t">T per customer.</param>
    /// <param name="monetaryValue">Mean repeat spend per customer.</param>
    /// <param name="destination">Receives the values; at least as long as the inputs.</param>
    /// <exception cref="ArgumentException">The spans differ in length or <paramref name="destination"/> is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is invalid; the message gives the row.</exception>
    public void LifetimeValue(ReadOnlySpan<double> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> t, ReadOnlySpan<double> monetaryValue, Span<double> destination)
    {
        SummaryColumns.CheckSpans(frequency.Length, recency.Length, t.Length, destination.Length);
        if (monetaryValue.Length != frequency.Length)
        {
            throw new ArgumentException($"The monetary value span has {monetaryValue.Length} elements; the others have {frequency.Length}.", nameof(monetaryValue));
        }

        // One column pass of the purchase model per step (vectorised where the model is), with pooled scratch columns.
        int n = frequency.Length;
        double[] previous = System.Buffers.ArrayPool<double>.Shared.Rent(n);
        double[] current = System.Buffers.ArrayPool<double>.Shared.Rent(n);
        try
        {
            Span<double> total = destination[..n];
            total.Clear();
            previous.AsSpan(0, n).Clear();
            for (int k = 1; k <= _steps; k++)
            {
                TransactionModel.ExpectedPurchases(new Horizon(_stepTime[k], TransactionModel.TimeUnit), frequency, recency, t, current.AsSpan(0, n));
                double factor = _stepDiscount[k];
                for (int i = 0; i < n; i++)
                {
                    total[i] += (current[i] - previous[i]) * factor;
                }

                (previous, current) = (current, previous);
            }

            for (int i = 0; i < n; i++)
            {
                if (_steps == 0)
                {
                    SummaryColumns.CheckRow(frequency[i], recency[i], t[i], i);
                }

                double spend;
                try
                {
                    spend = ExpectedSpend(frequency[i], monetaryValue[i]);
                }
                catch (ArgumentOutOfRangeException ex)
                {
                    throw new ArgumentOutOfRangeException(ex.ParamName, $"Row {i}: {ex.Message}");
                }

                total[i] *= Margin * spend;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(previous);
            System.Buffers.ArrayPool<double>.Shared.Return(current);
        }
    }

    /// <summary>The lifetime value with a confidence interval from both models' parameter uncertainty (delta method, log scale).</summary>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x.</param>
    /// <param name="t">T.</param>
    /// <param name="monetaryValue">The customer's mean repeat spend.</param>
    /// <param name="confidenceLevel">In (0, 1).</param>
    /// <returns>The estimate and its interval; for a non-positive value the interval collapses to the estimate.</returns>
    /// <exception cref="InvalidOperationException">A model was not fitted (or is not a built-in model), so its parameter covariance is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is invalid.</exception>
    public PredictionInterval LifetimeValueInterval(double frequency, double recency, double t, double monetaryValue, double confidenceLevel)
    {
        SummaryColumns.CheckCustomer(frequency, recency, t);
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "The confidence level must be between 0 and 1 (exclusive).");
        }

        (Func<double[], double> value, double[] values, double[] cov) = IntervalFunction(frequency, recency, t, monetaryValue);
        double estimate = value(values);
        if (!(estimate > 0))
        {
            return new PredictionInterval(estimate, estimate, estimate, confidenceLevel);
        }

        return ModelCore.DeltaMethod(value, values, cov, confidenceLevel, IntervalScale.Log);
    }

    /// <summary>The lifetime value as a function of both models' parameters, with the parameters and their joint log-scale covariance.</summary>
    internal (Func<double[], double> Value, double[] Values, double[] Covariance) IntervalFunction(double frequency, double recency, double t, double monetaryValue)
    {
        if (TransactionModel is not ITransactionKernel kernel || kernel.Core.CovarianceLog is not { } covT)
        {
            throw new InvalidOperationException("The purchase model has no parameter covariance (it was not fitted, or is not a built-in model), so it cannot give intervals.");
        }

        double[] pt = kernel.Core.Values;
        int kt = pt.Length;
        double[]? ps = null, covS = null;
        if (SpendModel is { } spend)
        {
            covS = spend.Core.CovarianceLog ?? throw new InvalidOperationException("The spend model has no parameter covariance (it was not fitted), so it cannot give intervals.");
            ps = spend.Core.Values;
        }

        int k = kt + (ps?.Length ?? 0);
        double[] values = new double[k];
        double[] cov = new double[k * k];
        pt.CopyTo(values, 0);
        for (int i = 0; i < kt; i++)
        {
            for (int j = 0; j < kt; j++)
            {
                cov[(i * k) + j] = covT[(i * kt) + j];
            }
        }

        if (ps is not null)
        {
            int ks = ps.Length;
            ps.CopyTo(values, kt);
            for (int i = 0; i < ks; i++)
            {
                for (int j = 0; j < ks; j++)
                {
                    cov[((kt + i) * k) + kt + j] = covS![(i * ks) + j];
                }
            }
        }

        double Value(double[] all)
        {
            ReadOnlySpan<double> transaction = all.AsSpan(0, kt);
            double[] tp = transaction.ToArray();
            double spendValue = ps is null ? monetaryValue : GammaGammaModel.Spend(all.AsSpan(kt), frequency, monetaryValue);
            double purchases = Discounted(kernel, tp, frequency, recency, t);
            return Margin * spendValue * purchases;
        }

        return (Value, values, cov);
    }
    private double Discounted(ITransactionKernel kernel, double[] parameters, double frequency, double recency, double t)
    {
        double total = 0, previous = 0;
        for (int k = 1; k <= _steps; k++)
        {
            double current = kernel.ExpectedPurchases(parameters, _stepTime[k], frequency, recency, t);
            total += (current - previous) * _stepDiscount[k];
            previous = current;
        }

        return total;
    }

    internal double HorizonUnits => _horizonUnits;
}
