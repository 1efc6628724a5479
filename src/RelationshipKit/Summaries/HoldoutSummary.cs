namespace RelationshipKit.Summaries;

/// <summary>What a customer did in the holdout window, after the calibration end and up to the observation end.</summary>
/// <param name="Frequency">The number of purchase periods in the holdout window (<c>frequency_holdout</c>).</param>
/// <param name="MonetaryValue">The mean spend of those periods, 0 when there are none (<c>monetary_value_holdout</c>).</param>
/// <param name="Duration">The length of the holdout window in the summary's time unit (<c>duration_holdout</c>).</param>
public readonly record struct HoldoutSummary(int Frequency, decimal MonetaryValue, double Duration);
