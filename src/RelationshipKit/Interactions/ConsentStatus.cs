namespace RelationshipKit.Interactions;

/// <summary>Whether a consent was given or withdrawn.</summary>
public enum ConsentStatus
{
    /// <summary>The customer gave consent.</summary>
    Granted = 1,

    /// <summary>The customer withdrew consent.</summary>
    Withdrawn = 2,
}
