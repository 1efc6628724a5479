using System.Globalization;

namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>A prediction with a confidence interval that reflects the uncertainty of the fitted parameters.</summary>
/// <remarks>
/// Computed by the delta method on the log-parameters (numerical gradient of the prediction, asymptotic covariance
/// from the observed information), on a scale that keeps the interval inside the quantity's range: logit for
/// probabilities, log for positive quantities. It does not include the randomness of the customer's future
/// behaviour (it is a confidence interval of the expectation, not a predictive interval). An immutable value.
/// </remarks>
public readonly record struct PredictionInterval
{
    /// <summary>Creates an interval.</summary>
    /// <param name="estimate">The point prediction.</param>
    /// <param name="lower">The lower bound.</param>
    /// <param name="upper">The upper bound.</param>
    /// <param name="confidenceLevel">The confidence level, in (0, 1).</param>
    public PredictionInterval(double estimate, double lower, double upper, double confidenceLevel)
    {
        Estimate = estimate;
        Lower = lower;
        Upper = upper;
        ConfidenceLevel = confidenceLevel;
    }

    /// <summary>The point prediction.</summary>
    public double Estimate { get; }

    /// <summary>The lower bound.</summary>
    public double Lower { get; }

    /// <summary>The upper bound.</summary>
    public double Upper { get; }

    /// <summary>The confidence level, for example 0.95.</summary>
    public double ConfidenceLevel { get; }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Estimate:G6} [{Lower:G6}, {Upper:G6}] ({ConfidenceLevel:P0})");
}
