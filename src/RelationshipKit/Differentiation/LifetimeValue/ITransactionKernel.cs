namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>Access to a built-in purchase model's parameters and its prediction as a function of them (for delta-method intervals).</summary>
internal interface ITransactionKernel
{
    ModelCore Core { get; }

    double ExpectedPurchases(ReadOnlySpan<double> parameters, double horizon, double frequency, double recency, double t);

    double ProbabilityAlive(ReadOnlySpan<double> parameters, double frequency, double recency, double t);
}
