using RelationshipKit.Internal.Numerics;

namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>
/// The shifted-beta-geometric (sBG) model of contractual retention, Fader &amp; Hardie (2007), "How to Project
/// Customer Retention", Journal of Interactive Marketing 21(1): each customer renews every period with a constant
/// churn probability θ, and θ ~ Beta(alpha, beta) across the cohort. Heterogeneity makes the cohort's retention
/// rate rise with tenure.
/// </summary>
/// <remarks>
/// <para>P(T = t) = B(alpha + 1, beta + t − 1)/B(alpha, beta), S(t) = B(alpha, beta + t)/B(alpha, beta), retention
/// r_t = (beta + t − 1)/(alpha + beta + t − 1). Fitted on the survivor counts of a cohort. On the paper's "regular"
/// and "high end" cohorts (years 0–7) it reproduces alpha = 0.704, beta = 1.182 and alpha = 0.668, beta = 3.806.
/// The discounted expected residual lifetime follows Fader &amp; Hardie (2010), Marketing Science 29(1), with the
/// Gauss hypergeometric function.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class ShiftedBetaGeometricModel
{
    /// <summary>The kind of this model: <c>"sbg"</c>.</summary>
    public const string ModelKind = "sbg";

    private static readonly string[] Names = ["alpha", "beta"];
    private readonly ModelCore _core;

    /// <summary>Creates a model from known parameter values.</summary>
    /// <param name="alpha">First shape of the churn-probability beta; &gt; 0.</param>
    /// <param name="beta">Second shape of the churn-probability beta; &gt; 0.</param>
    /// <param name="period">The length of one contract period.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not finite and positive, or the period is not defined.</exception>
    public ShiftedBetaGeometricModel(double alpha, double beta, TimeUnit period)
        : this(new ModelCore(ModelKind, Names, ModelCore.CheckParameters(Names, alpha, beta), BgNbdModel.CheckUnit(period), null, null))
    {
    }

    private ShiftedBetaGeometricModel(ModelCore core) => _core = core;

    /// <summary>alpha: first shape of the churn-probability beta distribution.</summary>
    public double Alpha => _core.Values[0];

    /// <summary>beta: second shape of the churn-probability beta distribution.</summary>
    public double Beta => _core.Values[1];

    /// <summary>The length of one contract period.</summary>
    public TimeUnit Period => _core.TimeUnit;

    /// <summary>The parameters alpha and beta, with standard errors when fitted.</summary>
    public IReadOnlyList<ModelParameter> Parameters => _core.Parameters;

    /// <summary>The fit report, or <see langword="null"/> for a model made from known values.</summary>
    public FitReport? FitReport => _core.Report;

    /// <summary>Fits the model on a cohort's survivor counts with default options.</summary>
    /// <param name="survivors">Customers still active at the start of periods 0, 1, 2, ...: the cohort size first, never increasing, at least two values.</param>
    /// <param name="period">The length of one contract period.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentException">Fewer than two counts.</exception>
    /// <exception cref="InvalidSummaryException">A count is negative, not finite, or larger than the one before; the exception names the row.</exception>
    /// <exception cref="ModelFitException">The fit did not converge.</exception>
    public static ShiftedBetaGeometricModel Fit(ReadOnlySpan<double> survivors, TimeUnit period) => Fit(survivors, period, null);

    /// <summary>Fits the model on a cohort's survivor counts.</summary>
    /// <param name="survivors">Customers still active at the start of periods 0, 1, 2, ...: the cohort size first, never increasing, at least two values.</param>
    /// <param name="period">The length of one contract period.</param>
    /// <param name="options">Fit options, or <see langword="null"/>.</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentException">Fewer than two counts.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option or the period is out of range.</exception>
    /// <exception cref="InvalidSummaryException">A count is negative, not finite, or larger than the one before; the exception names the row.</exception>
    /// <exception cref="ModelFitException">The fit did not converge and <see cref="LifetimeValueFitOptions.RequireConvergence"/> is set.</exception>
    public static ShiftedBetaGeometricModel Fit(ReadOnlySpan<double> survivors, TimeUnit period, LifetimeValueFitOptions? options)
    {
        BgNbdModel.CheckUnit(period);
        options ??= new LifetimeValueFitOptions();
        options.Validate();
        if (survivors.Length < 2)
        {
            throw new ArgumentException("At least two survivor counts (the cohort size and one later count) are needed.", nameof(survivors));
        }

        double[] counts = survivors.ToArray();
        for (int i = 0; i < counts.Length; i++)
        {
            if (!double.IsFinite(counts[i]) || counts[i] < 0 || (i > 0 && counts[i] > counts[i - 1]))
            {
                throw new InvalidSummaryException("survivors", $"the survivor count {counts[i]} must be finite, 0 or more and not above the previous count.", i);
            }
        }

        if (!(counts[0] > 0))
        {
            throw new InvalidSummaryException("survivors", "the cohort size must be positive.", 0);
        }

        double total = counts[0];
        double[][] starts = [[0, 0], [Math.Log(0.5), Math.Log(2)], [Math.Log(2), Math.Log(0.5)], [Math.Log(0.2), Math.Log(5)]];
        Objective objective = Optimizer.WithNumericalGradient(theta => -LogLikelihood(counts, Math.Exp(theta[0]), Math.Exp(theta[1])) / total, 2);
        MleResult fit = MaximumLikelihood.Fit(objective, total, options.Penalizer, starts, options.MaxIterations, Names);
        return new ShiftedBetaGeometricModel(ModelCore.FromFit(ModelKind, Names, period, fit, options.Penalizer, total, counts.Length, options.ConfidenceLevel, options));
    }

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="System.Text.Json.JsonException">The text is not a valid sBG model.</exception>
    public static ShiftedBetaGeometricModel FromJson(string json) => new(ModelCore.FromDocument(ModelCore.ReadDocument(json), ModelKind, Names));

    /// <summary>S(t): the share of the cohort still active after <paramref name="periods"/> renewals opportunities (S(0) = 1).</summary>
    /// <param name="periods">t, 0 or more.</param>
    /// <returns>B(alpha, beta + t)/B(alpha, beta).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is negative.</exception>
    public double Survival(int periods)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        return Math.Exp(SpecialFunctions.LogBeta(Alpha, Beta + periods) - SpecialFunctions.LogBeta(Alpha, Beta));
    }

    /// <summary>P(T = t): the share of the cohort that churns at the end of period <paramref name="period"/>.</summary>
    /// <param name="period">t, 1 or more.</param>
    /// <returns>B(alpha + 1, beta + t − 1)/B(alpha, beta).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1.</exception>
    public double ChurnProbability(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        return Math.Exp(SpecialFunctions.LogBeta(Alpha + 1, Beta + period - 1) - SpecialFunctions.LogBeta(Alpha, Beta));
    }

    /// <summary>r_t = S(t)/S(t − 1): the retention rate of period <paramref name="period"/>.</summary>
    /// <param name="period">t, 1 or more.</param>
    /// <returns>(beta + t − 1)/(alpha + beta + t − 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1.</exception>
    public double RetentionRate(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        return (Beta + period - 1) / (Alpha + Beta + period - 1);
    }

    /// <summary>Writes S(0), S(1), ... into <paramref name="destination"/>.</summary>
    /// <param name="destination">Receives one survival value per period, starting at period 0.</param>
    public void SurvivalCurve(Span<double> destination)
    {
        double s = 1;
        for (int t = 0; t < destination.Length; t++)
        {
            if (t > 0)
            {
                s *= RetentionRate(t);
            }

            destination[t] = s;
        }
    }

    /// <summary>Writes r_1, r_2, ... into <paramref name="destination"/>.</summary>
    /// <param name="destination">Receives one retention rate per period, starting at period 1.</param>
    public void RetentionCurve(Span<double> destination)
    {
        for (int t = 0; t < destination.Length; t++)
        {
            destination[t] = RetentionRate(t + 1);
        }
    }

    /// <summary>
    /// The discounted expected residual lifetime (DERL) of a customer who has made <paramref name="renewals"/>
    /// renewals and is about to make the next one: Σ_{t ≥ n} S(t | T &gt; n − 1)/(1 + d)^(t − n) with n = renewals + 1,
    /// = ((beta + n − 1)/(alpha + beta + n − 1)) ₂F₁(1, beta + n; alpha + beta + n; 1/(1 + d)) (Fader &amp; Hardie 2010, eq. 6).
    /// Multiply by the margin per period for the residual value.
    /// </summary>
    /// <param name="renewals">Renewals made so far, 0 or more.</param>
    /// <param name="discountRate">The discount rate; converted to one contract <see cref="Period"/>; must be positive.</param>
    /// <returns>The expected number of future payments, discounted.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="renewals"/> is negative or the rate is 0.</exception>
    public double DiscountedExpectedResidualLifetime(int renewals, DiscountRate discountRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(renewals);
        double d = discountRate.In(Period);
        if (!(d > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "The discount rate must be positive (without discounting the residual lifetime can be infinite).");
        }

        double n = renewals + 1;
        return (Beta + n - 1) / (Alpha + Beta + n - 1) * Hypergeometric.Hyp2F1(1, Beta + n, Alpha + Beta + n, 1 / (1 + d));
    }

    /// <summary>Writes the model as JSON.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => _core.ToJson();

    internal static double LogLikelihood(double[] survivors, double alpha, double beta)
    {
        double lb = SpecialFunctions.LogBeta(alpha, beta);
        double ll = 0;
        for (int t = 1; t < survivors.Length; t++)
        {
            double lost = survivors[t - 1] - survivors[t];
            if (lost > 0)
            {
                ll += lost * (SpecialFunctions.LogBeta(alpha + 1, beta + t - 1) - lb);
            }
        }

        int k = survivors.Length - 1;
        if (survivors[k] > 0)
        {
            ll += survivors[k] * (SpecialFunctions.LogBeta(alpha, beta + k) - lb);
        }

        return ll;
    }
}
