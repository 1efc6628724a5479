namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>
/// How well a purchase model predicted a holdout period: predicted vs actual holdout purchases grouped by calibration
/// frequency (the "conditional expectations" chart of Fader, Hardie &amp; Lee 2005), and per-customer error measures.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class HoldoutEvaluation
{
    internal HoldoutEvaluation(IReadOnlyList<HoldoutGroup> groups, double customers, double mae, double rmse, double correlation, double predictedTotal, double actualTotal)
    {
        Groups = groups;
        Customers = customers;
        MeanAbsoluteError = mae;
        RootMeanSquaredError = rmse;
        Correlation = correlation;
        PredictedTotal = predictedTotal;
        ActualTotal = actualTotal;
    }

    /// <summary>Groups by calibration frequency 0, 1, ..., with the last group open ("k or more").</summary>
    public IReadOnlyList<HoldoutGroup> Groups { get; }

    /// <summary>The number of customers evaluated.</summary>
    public double Customers { get; }

    /// <summary>Mean absolute error per customer of predicted vs actual holdout purchases.</summary>
    public double MeanAbsoluteError { get; }

    /// <summary>Root mean squared error per customer.</summary>
    public double RootMeanSquaredError { get; }

    /// <summary>Pearson correlation per customer between predicted and actual holdout purchases (NaN when either is constant).</summary>
    public double Correlation { get; }

    /// <summary>The total predicted holdout purchases.</summary>
    public double PredictedTotal { get; }

    /// <summary>The total actual holdout purchases.</summary>
    public double ActualTotal { get; }
}
