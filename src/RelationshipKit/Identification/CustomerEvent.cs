namespace RelationshipKit.Identification;

/// <summary>A recorded merge or split, with its time, the records involved and the evidence.</summary>
/// <remarks>Immutable; thread-safe.</remarks>
/// <param name="Kind">Merge or split.</param>
/// <param name="OccurredAt">When it happened (from the directory's <see cref="TimeProvider"/>).</param>
/// <param name="CustomerId">The surviving customer of a merge, or the customer that was split (it keeps its id).</param>
/// <param name="OtherCustomerIds">The customers absorbed by a merge, or created (or revived) by a split.</param>
/// <param name="Records">The records that caused a merge, or that moved in a split.</param>
/// <param name="Evidence">The pair explanations behind the change.</param>
/// <param name="Reason">A short reason (<c>match</c>, <c>always-match override</c>, <c>never-match override</c>, <c>re-run</c>, or the host's text).</param>
public sealed record CustomerEvent(
    CustomerEventKind Kind,
    DateTimeOffset OccurredAt,
    CustomerId CustomerId,
    IReadOnlyList<CustomerId> OtherCustomerIds,
    IReadOnlyList<IdentityRecordKey> Records,
    IReadOnlyList<PairExplanation> Evidence,
    string Reason);
