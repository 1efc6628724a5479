using System.Globalization;

namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>
/// A span of future time with its unit, for example 39 weeks or 1 year: the "t" of E[X(t)] and the length of a
/// lifetime-value projection. Models convert it to their own <see cref="TimeUnit"/>, so a weekly model asked a
/// question in days or years gets the right answer.
/// </summary>
/// <remarks>An immutable value; thread-safe. Conversions use the fixed unit lengths of <see cref="TimeUnitExtensions.GetDays"/>.</remarks>
public readonly record struct Horizon
{
    /// <summary>Creates a horizon.</summary>
    /// <param name="length">The length in <paramref name="unit"/>; finite and 0 or more.</param>
    /// <param name="unit">The unit of <paramref name="length"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative, NaN or infinite, or <paramref name="unit"/> is not defined.</exception>
    public Horizon(double length, TimeUnit unit)
    {
        if (!double.IsFinite(length) || length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The horizon length must be finite and 0 or more.");
        }

        if (!Enum.IsDefined(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown time unit.");
        }

        Length = length;
        Unit = unit;
    }

    /// <summary>The length, in <see cref="Unit"/>.</summary>
    public double Length { get; }

    /// <summary>The unit of <see cref="Length"/>.</summary>
    public TimeUnit Unit { get; }

    /// <summary>A horizon of <paramref name="days"/> days.</summary>
    /// <param name="days">Finite, 0 or more.</param>
    /// <returns>The horizon.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative or not finite.</exception>
    public static Horizon Days(double days) => new(days, TimeUnit.Day);

    /// <summary>A horizon of <paramref name="weeks"/> weeks.</summary>
    /// <param name="weeks">Finite, 0 or more.</param>
    /// <returns>The horizon.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weeks"/> is negative or not finite.</exception>
    public static Horizon Weeks(double weeks) => new(weeks, TimeUnit.Week);

    /// <summary>A horizon of <paramref name="months"/> average months (30.4375 days).</summary>
    /// <param name="months">Finite, 0 or more.</param>
    /// <returns>The horizon.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="months"/> is negative or not finite.</exception>
    public static Horizon Months(double months) => new(months, TimeUnit.Month);

    /// <summary>A horizon of <paramref name="years"/> years (365.25 days).</summary>
    /// <param name="years">Finite, 0 or more.</param>
    /// <returns>The horizon.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="years"/> is negative or not finite.</exception>
    public static Horizon Years(double years) => new(years, TimeUnit.Year);

    /// <summary>The length expressed in <paramref name="unit"/>.</summary>
    /// <param name="unit">The target unit.</param>
    /// <returns>For example 1 year in weeks is 52.178...</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not defined.</exception>
    public double In(TimeUnit unit) => unit == Unit ? Length : Length * Unit.GetDays() / unit.GetDays();

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Length:R} {Unit}(s)");
}
