namespace RelationshipKit;

/// <summary>Conversions between <see cref="TimeUnit"/> values and elapsed time.</summary>
/// <remarks>All members are pure and thread-safe.</remarks>
public static class TimeUnitExtensions
{
    private const double DaysPerYear = 365.25;

    /// <summary>The length of one <paramref name="unit"/> in days.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>1, 7, 30.4375 or 365.25.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined value.</exception>
    public static double GetDays(this TimeUnit unit) => unit switch
    {
        TimeUnit.Day => 1d,
        TimeUnit.Week => 7d,
        TimeUnit.Month => DaysPerYear / 12d,
        TimeUnit.Year => DaysPerYear,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown time unit."),
    };

    /// <summary>The length of one <paramref name="unit"/> in <see cref="TimeSpan"/> ticks.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>The number of 100-nanosecond ticks in one unit.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined value.</exception>
    public static double GetTicks(this TimeUnit unit) => unit.GetDays() * TimeSpan.TicksPerDay;

    /// <summary>Expresses <paramref name="duration"/> as a number of <paramref name="unit"/>s.</summary>
    /// <param name="unit">The unit.</param>
    /// <param name="duration">The elapsed time.</param>
    /// <returns>The duration in units, for example 2.5 weeks.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined value.</exception>
    public static double FromTimeSpan(this TimeUnit unit, TimeSpan duration) => duration.Ticks / unit.GetTicks();

    /// <summary>Converts a number of <paramref name="unit"/>s to elapsed time.</summary>
    /// <param name="unit">The unit.</param>
    /// <param name="units">The number of units; finite.</param>
    /// <returns>The elapsed time, rounded to the nearest tick.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined value, or <paramref name="units"/> is not finite or too large for a <see cref="TimeSpan"/>.</exception>
    public static TimeSpan ToTimeSpan(this TimeUnit unit, double units)
    {
        if (!double.IsFinite(units))
        {
            throw new ArgumentOutOfRangeException(nameof(units), units, "The number of units must be finite.");
        }

        double ticks = Math.Round(units * unit.GetTicks());
        if (ticks > TimeSpan.MaxValue.Ticks || ticks < TimeSpan.MinValue.Ticks)
        {
            throw new ArgumentOutOfRangeException(nameof(units), units, "The duration is too large for a TimeSpan.");
        }

        return TimeSpan.FromTicks((long)ticks);
    }
}
