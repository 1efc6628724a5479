namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>A maximum-likelihood fit did not converge; <see cref="Report"/> says why and where it stopped.</summary>
public sealed class ModelFitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelFitException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ModelFitException(string? message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ModelFitException(string? message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a fit that did not converge.</summary>
    /// <param name="model">The model kind, for example <c>"bgnbd"</c>.</param>
    /// <param name="report">The fit report.</param>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is <see langword="null"/>.</exception>
    public ModelFitException(string model, FitReport report)
        : base($"The {model} fit did not converge: {report?.Reason}.")
    {
        ArgumentNullException.ThrowIfNull(report);
        Report = report;
    }

    /// <summary>The fit report, when the exception came from a fit.</summary>
    public FitReport? Report { get; }
}
