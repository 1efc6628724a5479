using System.Text.Json.Serialization;

namespace RelationshipKit.Summaries;

/// <summary>
/// One customer's purchase statistics with the definitions of Fader, Hardie and Lee (2005):
/// <see cref="Frequency"/> (x), <see cref="Recency"/> (t_x), <see cref="T"/> and <see cref="MonetaryValue"/>.
/// </summary>
/// <remarks>
/// <para>All purchases in one <see cref="PurchasePeriod"/> count as one. x is the number of repeat purchase
/// periods (purchase periods after the first) up to the calibration end; t_x is the time from the first to
/// the last purchase period; T is the time from the first purchase period to the calibration end; both are
/// measured from period starts in <see cref="TimeUnit"/>. The monetary value is the mean spend of the repeat
/// periods (the first excluded), 0 when x = 0.</para>
/// <para>Instances are immutable and thread-safe. A summary read from JSON (with <see cref="Serialization.RelationshipKitJson"/>
/// or a host's options set up by <see cref="Serialization.RelationshipKitJson.ConfigureForRelationshipKit"/>) passes the
/// checks of <see cref="Create"/> or the read fails with a <see cref="System.Text.Json.JsonException"/>.</para>
/// </remarks>
public sealed class CustomerSummary : IEquatable<CustomerSummary>, IJsonOnDeserialized
{
    [JsonConstructor]
    internal CustomerSummary(
        CustomerId customerId,
        TimeUnit timeUnit,
        int frequency,
        double recency,
        double t,
        decimal monetaryValue,
        PurchaseHistory? history = null,
        HoldoutSummary? holdout = null)
    {
        CustomerId = customerId;
        TimeUnit = timeUnit;
        Frequency = frequency;
        Recency = recency;
        T = t;
        MonetaryValue = monetaryValue;
        History = history;
        Holdout = holdout;
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>The unit of <see cref="Recency"/>, <see cref="T"/> and the holdout duration.</summary>
    public TimeUnit TimeUnit { get; }

    /// <summary>x: the number of repeat purchase periods up to the calibration end (0 or more).</summary>
    public int Frequency { get; }

    /// <summary>t_x: the time from the first to the last purchase period, in <see cref="TimeUnit"/> (0 when x = 0).</summary>
    public double Recency { get; }

    /// <summary>T: the time from the first purchase period to the calibration end, in <see cref="TimeUnit"/> (at least <see cref="Recency"/>).</summary>
    public double T { get; }

    /// <summary>The mean spend of the repeat purchase periods, the first excluded; 0 when x = 0.</summary>
    public decimal MonetaryValue { get; }

    /// <summary>First and last purchase, order count and total spend, when the summary was built from transactions.</summary>
    public PurchaseHistory? History { get; }

    /// <summary>The holdout figures, when the summary was built with an observation end.</summary>
    public HoldoutSummary? Holdout { get; }

    /// <summary>
    /// Makes a summary from known statistics, for example a summary file, with the same checks a built summary passes.
    /// </summary>
    /// <param name="customerId">The customer; not the default value.</param>
    /// <param name="frequency">x, 0 or more.</param>
    /// <param name="recency">t_x, finite, 0 or more, 0 when x is 0.</param>
    /// <param name="t">T, finite, at least <paramref name="recency"/>.</param>
    /// <param name="timeUnit">The unit of <paramref name="recency"/> and <paramref name="t"/>.</param>
    /// <param name="monetaryValue">The mean repeat spend, 0 when x is 0.</param>
    /// <param name="holdout">Holdout figures, if any: frequency 0 or more, duration finite and 0 or more, monetary value 0 when the frequency is 0.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException">A value is out of range; the exception names the parameter.</exception>
    public static CustomerSummary Create(
        CustomerId customerId,
        int frequency,
        double recency,
        double t,
        TimeUnit timeUnit,
        decimal monetaryValue = 0m,
        HoldoutSummary? holdout = null)
    {
        if (customerId.IsEmpty)
        {
            throw new ArgumentException("The customer id must not be the default value.", nameof(customerId));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(frequency);
        if (!double.IsFinite(recency) || recency < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(recency), recency, "Recency must be finite and 0 or more.");
        }

        if (!double.IsFinite(t) || t < recency)
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, $"T must be finite and at least the recency ({recency}).");
        }

        if (frequency == 0 && recency != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(recency), recency, "Recency must be 0 when the frequency is 0.");
        }

        if (frequency == 0 && monetaryValue != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(monetaryValue), monetaryValue, "The monetary value must be 0 when the frequency is 0.");
        }

        if (!Enum.IsDefined(timeUnit))
        {
            throw new ArgumentOutOfRangeException(nameof(timeUnit), timeUnit, "Unknown time unit.");
        }

        if (holdout is { } h && (h.Frequency < 0 || !double.IsFinite(h.Duration) || h.Duration < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(holdout), holdout, "Holdout frequency and duration must be 0 or more and finite.");
        }

        if (holdout is { Frequency: 0, MonetaryValue: not 0m })
        {
            throw new ArgumentOutOfRangeException(nameof(holdout), holdout, "The holdout monetary value must be 0 when the holdout frequency is 0.");
        }

        return new CustomerSummary(customerId, timeUnit, frequency, recency, t, monetaryValue, null, holdout);
    }

    /// <summary>Applies the checks of <see cref="Create"/> to a summary read from JSON, with any serializer options.</summary>
    /// <exception cref="System.Text.Json.JsonException">A value is out of range.</exception>
    void IJsonOnDeserialized.OnDeserialized()
    {
        try
        {
            _ = Create(CustomerId, Frequency, Recency, T, TimeUnit, MonetaryValue, Holdout);
        }
        catch (ArgumentException ex)
        {
            throw new System.Text.Json.JsonException($"The summary is not valid: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public bool Equals(CustomerSummary? other) =>
        other is not null
        && CustomerId == other.CustomerId
        && TimeUnit == other.TimeUnit
        && Frequency == other.Frequency
        && Recency.Equals(other.Recency)
        && T.Equals(other.T)
        && MonetaryValue == other.MonetaryValue
        && Nullable.Equals(History, other.History)
        && Nullable.Equals(Holdout, other.Holdout);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CustomerSummary);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(CustomerId, Frequency, Recency, T, MonetaryValue, History, Holdout);

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{CustomerId}: x={Frequency}, t_x={Recency:R}, T={T:R} {TimeUnit}s, m={MonetaryValue}");
}
