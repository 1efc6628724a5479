namespace RelationshipKit.Interactions;

/// <summary>Where a customer's preferred channel comes from.</summary>
public enum PreferredChannelSource
{
    /// <summary>No preferred channel is known.</summary>
    None = 0,

    /// <summary>The customer stated it.</summary>
    Stated = 1,

    /// <summary>It was inferred from the customer's responses and inbound contacts.</summary>
    Inferred = 2,
}
