namespace RelationshipKit.Summaries;

/// <summary>
/// How purchases are grouped before they are counted: all purchases of one customer in the same period
/// merge into one repeat-purchase opportunity, as in Fader, Hardie and Lee (2005).
/// </summary>
public enum PurchasePeriod
{
    /// <summary>One calendar day in <see cref="CustomerSummaryOptions.TimeZoneId"/> (the default; the CDNOW convention).</summary>
    Day = 0,

    /// <summary>One ISO 8601 week (Monday to Sunday) in <see cref="CustomerSummaryOptions.TimeZoneId"/>.</summary>
    Week = 1,

    /// <summary>No merging: every transaction is its own purchase, timed to the tick.</summary>
    Transaction = 2,
}
