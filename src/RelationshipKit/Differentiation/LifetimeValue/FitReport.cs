namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>
/// How a maximum-likelihood fit went: convergence and its reason, iterations, log-likelihood, and the parameters
/// with standard errors and confidence intervals from the observed information (the inverted Hessian of the
/// negative log-likelihood at the optimum, on the log scale, carried to the natural scale by the delta method).
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class FitReport
{
    internal FitReport(bool converged, string reason, int iterations, double logLikelihood, double penalizer, double customerCount, int rowCount, double confidenceLevel, IReadOnlyList<ModelParameter> parameters)
    {
        Converged = converged;
        Reason = reason;
        Iterations = iterations;
        LogLikelihood = logLikelihood;
        Penalizer = penalizer;
        CustomerCount = customerCount;
        RowCount = rowCount;
        ConfidenceLevel = confidenceLevel;
        Parameters = parameters;
    }

    /// <summary>Whether the fit converged: gradient and change of the objective below tolerance, Hessian positive definite, no parameter running away.</summary>
    public bool Converged { get; }

    /// <summary>Why the fit stopped, in words (for example which parameter ran to infinity).</summary>
    public string Reason { get; }

    /// <summary>Optimiser iterations over every start.</summary>
    public int Iterations { get; }

    /// <summary>The (weighted) log-likelihood of the data at the estimates, without the penalty.</summary>
    public double LogLikelihood { get; }

    /// <summary>The L2 penalty coefficient used.</summary>
    public double Penalizer { get; }

    /// <summary>The number of customers (the sum of weights) the model was fitted on.</summary>
    public double CustomerCount { get; }

    /// <summary>The number of distinct rows after identical rows were merged into weights.</summary>
    public int RowCount { get; }

    /// <summary>The confidence level of the parameter intervals.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>The parameters, named as in the cited paper, in the paper's order.</summary>
    public IReadOnlyList<ModelParameter> Parameters { get; }
}
