namespace RelationshipKit.Identification;

/// <summary>One value of a golden profile, with where it came from.</summary>
/// <remarks>An immutable value; thread-safe.</remarks>
/// <param name="Value">The value as the source gave it (trimmed).</param>
/// <param name="Record">The record it came from.</param>
/// <param name="ObservedAt">When that record was observed.</param>
/// <param name="Rule">The survivorship rule that chose it.</param>
public readonly record struct ProfileValue(string Value, IdentityRecordKey Record, DateTimeOffset ObservedAt, SurvivorshipRule Rule)
{
    /// <summary>The source of the record the value came from.</summary>
    public string Source => Record.Source;
}
