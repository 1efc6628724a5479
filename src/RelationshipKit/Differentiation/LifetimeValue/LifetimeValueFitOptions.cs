using System.ComponentModel.DataAnnotations;

namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>How lifetime-value models are fitted by maximum likelihood.</summary>
/// <remarks>A plain options bag; not thread-safe while it is being changed. Fitting reads it once.</remarks>
public sealed class LifetimeValueFitOptions
{
    internal const double DefaultPenalizer = 0;
    internal const int DefaultMaxIterations = 500;
    internal const double DefaultConfidenceLevel = 0.95;

    /// <summary>
    /// The L2 penalty coefficient λ: the fit minimises −LL/N + λ Σ θ² over the natural-scale parameters (the
    /// <c>penalizer_coef</c> of lifetimes). Small values (0.001–0.1) tame fits that run to infinity on sparse data.
    /// </summary>
    /// <value>Default: 0 (plain maximum likelihood).</value>
    [Range(0d, 1e6)]
    public double Penalizer { get; set; } = DefaultPenalizer;

    /// <summary>The iteration budget of one optimiser run.</summary>
    /// <value>Default: 500.</value>
    [Range(10, 100000)]
    public int MaxIterations { get; set; } = DefaultMaxIterations;

    /// <summary>The confidence level of parameter intervals.</summary>
    /// <value>Default: 0.95.</value>
    [Range(0.5, 0.9999)]
    public double ConfidenceLevel { get; set; } = DefaultConfidenceLevel;

    /// <summary>
    /// Whether a fit that did not converge throws <see cref="ModelFitException"/> (with the report) instead of
    /// returning a model whose <see cref="FitReport.Converged"/> is false.
    /// </summary>
    /// <value>Default: <see langword="true"/>.</value>
    public bool RequireConvergence { get; set; } = true;

    /// <summary>Checks the options; the message names the option.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    internal void Validate()
    {
        if (!(Penalizer >= 0 && Penalizer <= 1e6))
        {
            throw new ArgumentOutOfRangeException(nameof(Penalizer), Penalizer, "LifetimeValueFitOptions.Penalizer must be between 0 and 1e6.");
        }

        if (MaxIterations is < 10 or > 100000)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "LifetimeValueFitOptions.MaxIterations must be between 10 and 100000.");
        }

        if (!(ConfidenceLevel >= 0.5 && ConfidenceLevel <= 0.9999))
        {
            throw new ArgumentOutOfRangeException(nameof(ConfidenceLevel), ConfidenceLevel, "LifetimeValueFitOptions.ConfidenceLevel must be between 0.5 and 0.9999.");
        }
    }
}
