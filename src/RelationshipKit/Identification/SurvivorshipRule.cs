namespace RelationshipKit.Identification;

/// <summary>How a customer's golden profile picks one value for a field from its records.</summary>
public enum SurvivorshipRule
{
    /// <summary>The value from the most recently observed record that has one (ties: the greater record key).</summary>
    MostRecent = 0,

    /// <summary>The value from the record with the most fields filled (ties: most recent).</summary>
    MostComplete = 1,

    /// <summary>The value from the source listed first in <see cref="SurvivorshipOptions.SourcePriority"/> (ties and unlisted sources: most recent).</summary>
    SourcePriority = 2,

    /// <summary>The value seen on most records, compared after normalisation (ties: most recent).</summary>
    MostFrequent = 3,

    /// <summary>The longest value (the most detailed spelling, e.g. "Katherine" over "K"; ties: most recent).</summary>
    Longest = 4,
}
