namespace RelationshipKit.Interactions;

/// <summary>One refused interaction of an append.</summary>
/// <param name="Index">The zero-based position of the interaction in its batch (0 for a single append).</param>
/// <param name="InteractionId">The interaction's id.</param>
/// <param name="CustomerId">The interaction's customer.</param>
/// <param name="Reason">Why it was refused.</param>
/// <param name="ExpectedVersion">The version the caller expected, for <see cref="InteractionConflictReason.VersionMismatch"/>.</param>
/// <param name="ActualVersion">The customer's version when the append was tried.</param>
public readonly record struct InteractionConflict(
    int Index,
    string InteractionId,
    CustomerId CustomerId,
    InteractionConflictReason Reason,
    long? ExpectedVersion,
    long ActualVersion);
