using System.Globalization;

namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>
/// A discount rate and the period it compounds over, for example 10 % a year (<c>DiscountRate.PerYear(0.10)</c>).
/// Rates convert between periods by compounding: r_unit = (1 + r)^(unit / period) − 1, so a monthly rate and the
/// equivalent weekly rate discount identically.
/// </summary>
/// <remarks>An immutable value; thread-safe.</remarks>
public readonly record struct DiscountRate
{
    /// <summary>Creates a rate.</summary>
    /// <param name="rate">The rate per <paramref name="period"/>, for example 0.1 for 10 %; finite and 0 or more.</param>
    /// <param name="period">The compounding period.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is negative or not finite, or <paramref name="period"/> is not defined.</exception>
    public DiscountRate(double rate, TimeUnit period)
    {
        if (!double.IsFinite(rate) || rate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The discount rate must be finite and 0 or more.");
        }

        if (!Enum.IsDefined(period))
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown time unit.");
        }

        Rate = rate;
        Period = period;
    }

    /// <summary>No discounting.</summary>
    public static DiscountRate Zero => new(0, TimeUnit.Year);

    /// <summary>The rate per <see cref="Period"/>.</summary>
    public double Rate { get; }

    /// <summary>The compounding period of <see cref="Rate"/>.</summary>
    public TimeUnit Period { get; }

    /// <summary>A rate per day.</summary>
    /// <param name="rate">Finite, 0 or more.</param>
    /// <returns>The rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is negative or not finite.</exception>
    public static DiscountRate PerDay(double rate) => new(rate, TimeUnit.Day);

    /// <summary>A rate per week.</summary>
    /// <param name="rate">Finite, 0 or more.</param>
    /// <returns>The rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is negative or not finite.</exception>
    public static DiscountRate PerWeek(double rate) => new(rate, TimeUnit.Week);

    /// <summary>A rate per average month (30.4375 days).</summary>
    /// <param name="rate">Finite, 0 or more.</param>
    /// <returns>The rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is negative or not finite.</exception>
    public static DiscountRate PerMonth(double rate) => new(rate, TimeUnit.Month);

    /// <summary>A rate per year (365.25 days).</summary>
    /// <param name="rate">Finite, 0 or more.</param>
    /// <returns>The rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is negative or not finite.</exception>
    public static DiscountRate PerYear(double rate) => new(rate, TimeUnit.Year);

    /// <summary>The equivalent rate per <paramref name="unit"/>, by compounding.</summary>
    /// <param name="unit">The target period.</param>
    /// <returns>(1 + <see cref="Rate"/>)^(unit / <see cref="Period"/>) − 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not defined.</exception>
    public double In(TimeUnit unit) => unit == Period ? Rate : Math.Exp(double.LogP1(Rate) * unit.GetDays() / Period.GetDays()) - 1;

    /// <summary>The discount factor 1 / (1 + r)^(t / period) at <paramref name="length"/> units of <paramref name="unit"/> from now.</summary>
    /// <param name="length">The time from now; finite.</param>
    /// <param name="unit">The unit of <paramref name="length"/>.</param>
    /// <returns>The factor, in (0, 1] for a non-negative time.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is not finite, or <paramref name="unit"/> is not defined.</exception>
    public double DiscountFactor(double length, TimeUnit unit)
    {
        if (!double.IsFinite(length))
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The time must be finite.");
        }

        return Math.Exp(-double.LogP1(Rate) * length * unit.GetDays() / Period.GetDays());
    }

    /// <summary>The continuously compounded rate δ per <paramref name="unit"/> that discounts identically: ln(1 + r) × unit / period.</summary>
    /// <param name="unit">The target period.</param>
    /// <returns>δ, so that e^(−δ t) is the discount factor at t units; 0 or more.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not defined.</exception>
    /// <remarks>For 15 % a year and a weekly model δ = ln(1.15) / (365.25 / 7) ≈ 0.00268, the rate of Fader, Hardie &amp; Lee (2005).</remarks>
    public double ContinuousRateIn(TimeUnit unit) => double.LogP1(Rate) * unit.GetDays() / Period.GetDays();

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Rate:R} per {Period}");
}
