namespace RelationshipKit.Differentiation.Composite;

/// <summary>How a weighted composite puts its components' scores on one scale before weighting them.</summary>
public enum CompositeNormalization
{
    /// <summary>
    /// The percentile rank in the fitted population: (number of fitted scores below s + half the number equal to s) / n,
    /// in [0, 1]. Robust to outliers and to each model's scale; see <see cref="WeightedCompositeModel"/> for how unseen
    /// scores are placed.
    /// </summary>
    PercentileRank = 0,

    /// <summary>(s − min) / (max − min) over the fitted population, clamped to [0, 1] (0.5 when all fitted scores are equal). Sensitive to outliers.</summary>
    MinMax = 1,
}
