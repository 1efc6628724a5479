namespace RelationshipKit.Identification;

/// <summary>The outcome of resolving one record incrementally.</summary>
/// <remarks>Immutable; thread-safe.</remarks>
/// <param name="Record">The record's key.</param>
/// <param name="CustomerId">The customer the record now belongs to.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="MergedCustomerIds">Customers merged into <paramref name="CustomerId"/> by this record (their ids now redirect).</param>
/// <param name="Links">The accepted pairs between the record and existing records, most probable first (including links that merge protection refused).</param>
/// <param name="RefusedLinks">How many of <paramref name="Links"/> merge protection refused.</param>
public sealed record RecordResolution(
    IdentityRecordKey Record,
    CustomerId CustomerId,
    RecordResolutionOutcome Outcome,
    IReadOnlyList<CustomerId> MergedCustomerIds,
    IReadOnlyList<MatchedPair> Links,
    int RefusedLinks);
