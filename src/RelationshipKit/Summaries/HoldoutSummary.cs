using System.Text.Json.Serialization;

namespace RelationshipKit.Summaries;

/// <summary>What a customer did in the holdout window, after the calibration end and up to the observation end.</summary>
/// <remarks>An immutable value (no setters, so no <c>with</c>); thread-safe.</remarks>
public readonly record struct HoldoutSummary
{
    /// <summary>Creates holdout figures.</summary>
    /// <param name="frequency">The number of purchase periods in the holdout window (<c>frequency_holdout</c>).</param>
    /// <param name="monetaryValue">The mean spend of those periods, 0 when there are none (<c>monetary_value_holdout</c>).</param>
    /// <param name="duration">The length of the holdout window in the summary's time unit (<c>duration_holdout</c>).</param>
    [JsonConstructor]
    public HoldoutSummary(int frequency, decimal monetaryValue, double duration)
    {
        Frequency = frequency;
        MonetaryValue = monetaryValue;
        Duration = duration;
    }

    /// <summary>The number of purchase periods in the holdout window (<c>frequency_holdout</c>).</summary>
    public int Frequency { get; }

    /// <summary>The mean spend of those periods, 0 when there are none (<c>monetary_value_holdout</c>).</summary>
    public decimal MonetaryValue { get; }

    /// <summary>The length of the holdout window in the summary's time unit (<c>duration_holdout</c>).</summary>
    public double Duration { get; }

    /// <summary>Deconstructs the figures.</summary>
    /// <param name="frequency">Receives <see cref="Frequency"/>.</param>
    /// <param name="monetaryValue">Receives <see cref="MonetaryValue"/>.</param>
    /// <param name="duration">Receives <see cref="Duration"/>.</param>
    public void Deconstruct(out int frequency, out decimal monetaryValue, out double duration)
    {
        frequency = Frequency;
        monetaryValue = MonetaryValue;
        duration = Duration;
    }
}
