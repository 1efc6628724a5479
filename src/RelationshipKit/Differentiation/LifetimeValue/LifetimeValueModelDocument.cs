namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>The JSON form of every lifetime-value model (the CLI's <c>fit</c> output is this document).</summary>
internal sealed class LifetimeValueModelDocument
{
    public string Model { get; set; } = string.Empty;

    public TimeUnit TimeUnit { get; set; }

    public Dictionary<string, double> Parameters { get; set; } = [];

    public double? LogLikelihood { get; set; }

    public bool? Converged { get; set; }

    public int? Iterations { get; set; }

    public string? Reason { get; set; }

    public Dictionary<string, double>? StandardErrors { get; set; }

    public double? Penalizer { get; set; }

    public double? CustomerCount { get; set; }

    public int? RowCount { get; set; }

    public double? ConfidenceLevel { get; set; }

    public double? FrequencySpendCorrelation { get; set; }

    /// <summary>Covariance of the log-parameters, row by row.</summary>
    public double[][]? Covariance { get; set; }
}
