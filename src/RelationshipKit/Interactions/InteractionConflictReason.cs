namespace RelationshipKit.Interactions;

/// <summary>Why an append was refused with an <see cref="InteractionConflictException"/>.</summary>
public enum InteractionConflictReason
{
    /// <summary>An interaction with the same id but different content is already stored (or earlier in the same batch).</summary>
    DifferentContent = 1,

    /// <summary>The customer's version was not the expected version (another writer appended first).</summary>
    VersionMismatch = 2,
}
