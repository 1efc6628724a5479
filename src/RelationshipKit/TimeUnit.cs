namespace RelationshipKit;

/// <summary>
/// The unit in which a model or a summary measures durations (recency, age, horizons).
/// </summary>
/// <remarks>
/// A month is 365.25/12 days (30.4375 days) and a year 365.25 days, so that every unit is a fixed
/// length of time and durations convert exactly; see <see cref="TimeUnitExtensions"/>.
/// </remarks>
public enum TimeUnit
{
    /// <summary>One day (24 hours).</summary>
    Day = 0,

    /// <summary>One week (7 days).</summary>
    Week = 1,

    /// <summary>One average Gregorian month, 365.25/12 = 30.4375 days.</summary>
    Month = 2,

    /// <summary>One average Gregorian year, 365.25 days.</summary>
    Year = 3,
}
