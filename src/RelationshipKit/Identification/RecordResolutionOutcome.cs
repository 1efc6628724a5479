namespace RelationshipKit.Identification;

/// <summary>What incremental resolution did with a record.</summary>
public enum RecordResolutionOutcome
{
    /// <summary>No existing customer matched: the record started a new customer.</summary>
    Created = 0,

    /// <summary>The record joined one existing customer.</summary>
    Joined = 1,

    /// <summary>The record matched several customers, which were merged (see <see cref="RecordResolution.MergedCustomerIds"/>).</summary>
    Merged = 2,

    /// <summary>The record was already in the directory with the same content; nothing changed.</summary>
    Unchanged = 3,

    /// <summary>The record was already in the directory; its new content replaced the old one (it stays with its customer, and may link further).</summary>
    Updated = 4,
}
