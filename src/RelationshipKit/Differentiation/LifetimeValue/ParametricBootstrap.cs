namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>
/// Parametric-bootstrap intervals for P(alive), expected purchases and lifetime value: an alternative to the delta-method
/// intervals of <see cref="ITransactionModel.ProbabilityAliveInterval"/>,
/// <see cref="ITransactionModel.ExpectedPurchasesInterval"/> and <see cref="LifetimeValueCalculator.LifetimeValueInterval"/>.
/// </summary>
/// <remarks>
/// <para>Method: the fitted log-parameters are asymptotically normal with the covariance of the fit (the inverse Hessian of
/// the log-likelihood, <see cref="FitReport"/>). Each draw takes ln θ* = ln θ̂ + L z, z standard normal and L the Cholesky
/// factor of that covariance, and evaluates the prediction at θ*; the interval is the percentile interval of the draws
/// (type-7 quantiles) and the estimate is the prediction at θ̂. For a lifetime value the purchase and spend models are drawn
/// independently (they are fitted separately). The models are not refitted on resampled populations: that would need the
/// population, which a fitted model does not keep.</para>
/// <para>Unlike the delta method, the interval follows any skew of the prediction in the parameters. The draws come from
/// xoshiro256** seeded with <c>seed</c>, so a seed always gives the same interval. Draws whose prediction is not finite
/// are dropped; if more than 10 % are, the method throws rather than return a distorted interval. The methods allocate per
/// call (one parameter vector per draw), not per customer in a span.</para>
/// <para>Tested for coverage on populations simulated from known parameters: the true value falls inside the 90 % interval
/// in a plausible share of repetitions.</para>
/// <para>Thread-safe (pure).</para>
/// </remarks>
public static class ParametricBootstrap
{
    /// <summary>P(alive) with a parametric-bootstrap interval.</summary>
    /// <param name="model">A fitted built-in purchase model (it carries the parameter covariance).</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x, in the model's unit.</param>
    /// <param name="t">T, in the model's unit.</param>
    /// <param name="confidenceLevel">In (0, 1), for example 0.9.</param>
    /// <param name="draws">The number of parameter draws, 100 to 1,000,000; 1,000 is a common choice.</param>
    /// <param name="seed">The random seed; the same seed gives the same interval.</param>
    /// <returns>The estimate at the fitted parameters and the percentile interval.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The confidence level, the number of draws or a summary value is invalid.</exception>
    /// <exception cref="InvalidOperationException">The model has no parameter covariance (not fitted, or not a built-in model), or too many draws failed.</exception>
    public static PredictionInterval ProbabilityAlive(ITransactionModel model, double frequency, double recency, double t, double confidenceLevel, int draws, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        Check(confidenceLevel, draws);
        _ = model.ProbabilityAlive(frequency, recency, t);
        ITransactionKernel kernel = Kernel(model);
        return ModelCore.Bootstrap(p => kernel.ProbabilityAlive(p, frequency, recency, t), kernel.Core.Values, kernel.Core.CovarianceLog!, confidenceLevel, draws, seed);
    }

    /// <summary>Expected purchases over <paramref name="horizon"/> with a parametric-bootstrap interval.</summary>
    /// <param name="model">A fitted built-in purchase model.</param>
    /// <param name="horizon">The horizon, in any unit (whole opportunities for BG/BB).</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x, in the model's unit.</param>
    /// <param name="t">T, in the model's unit.</param>
    /// <param name="confidenceLevel">In (0, 1).</param>
    /// <param name="draws">The number of parameter draws, 100 to 1,000,000.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The estimate at the fitted parameters and the percentile interval.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The confidence level, the number of draws or a summary value is invalid.</exception>
    /// <exception cref="ArgumentException">The horizon is not a whole number of BG/BB opportunities.</exception>
    /// <exception cref="InvalidOperationException">The model has no parameter covariance, or too many draws failed.</exception>
    public static PredictionInterval ExpectedPurchases(ITransactionModel model, Horizon horizon, double frequency, double recency, double t, double confidenceLevel, int draws, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        Check(confidenceLevel, draws);
        _ = model.ExpectedPurchases(horizon, frequency, recency, t);
        ITransactionKernel kernel = Kernel(model);
        double h = model is BgBbModel ? Math.Round(horizon.In(model.TimeUnit)) : horizon.In(model.TimeUnit);
        return ModelCore.Bootstrap(p => kernel.ExpectedPurchases(p, h, frequency, recency, t), kernel.Core.Values, kernel.Core.CovarianceLog!, confidenceLevel, draws, seed);
    }

    /// <summary>A customer's lifetime value (<see cref="LifetimeValueCalculator.LifetimeValue(double, double, double, double)"/>) with a parametric-bootstrap interval over both models' parameters.</summary>
    /// <param name="calculator">The calculator, with fitted built-in models.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t_x, in the purchase model's unit.</param>
    /// <param name="t">T, in the purchase model's unit.</param>
    /// <param name="monetaryValue">The customer's mean repeat spend.</param>
    /// <param name="confidenceLevel">In (0, 1).</param>
    /// <param name="draws">The number of parameter draws, 100 to 1,000,000.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The estimate at the fitted parameters and the percentile interval.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calculator"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The confidence level, the number of draws or a summary value is invalid.</exception>
    /// <exception cref="InvalidOperationException">A model has no parameter covariance, or too many draws failed.</exception>
    public static PredictionInterval LifetimeValue(LifetimeValueCalculator calculator, double frequency, double recency, double t, double monetaryValue, double confidenceLevel, int draws, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        Check(confidenceLevel, draws);
        _ = calculator.LifetimeValue(frequency, recency, t, monetaryValue);
        (Func<double[], double> value, double[] values, double[] cov) = calculator.IntervalFunction(frequency, recency, t, monetaryValue);
        return ModelCore.Bootstrap(value, values, cov, confidenceLevel, draws, seed);
    }

    private static void Check(double confidenceLevel, int draws)
    {
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "The confidence level must be between 0 and 1 (exclusive).");
        }

        if (draws < 100 || draws > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(draws), draws, "The number of draws must be between 100 and 1,000,000.");
        }
    }

    private static ITransactionKernel Kernel(ITransactionModel model) =>
        model is ITransactionKernel { Core.CovarianceLog: not null } kernel
            ? kernel
            : throw new InvalidOperationException($"The {model.Kind} model has no parameter covariance (it was made from known values, is not a built-in model, or its Hessian was not positive definite), so it cannot give intervals.");
}
