namespace RelationshipKit.Cli.Infrastructure;

/// <summary>A date given on the command line, remembering whether it had a time of day.</summary>
/// <param name="Value">The instant; midnight UTC for a date without a time.</param>
/// <param name="IsDateOnly">Whether the text was a date without a time.</param>
internal readonly record struct CliDate(DateTimeOffset Value, bool IsDateOnly)
{
    /// <summary>
    /// The last instant of the date for a date-only value (23:59:59.9999999 UTC), else the instant itself. Used
    /// where the end of a window must include the whole of its last day.
    /// </summary>
    public DateTimeOffset EndOfDay => IsDateOnly ? Value.AddDays(1).AddTicks(-1) : Value;
}
