namespace RelationshipKit.Identification;

/// <summary>A pair of records accepted as a match (before clustering and merge protection).</summary>
/// <remarks>An immutable value; thread-safe.</remarks>
/// <param name="First">One record.</param>
/// <param name="Second">The other record.</param>
/// <param name="Probability">The match probability (1 when a rule or override decided).</param>
/// <param name="Weight">The match weight with the prior, in bits.</param>
/// <param name="DecidedBy">The deterministic rule, shared external id or override that decided, or <see langword="null"/>.</param>
public readonly record struct MatchedPair(IdentityRecordKey First, IdentityRecordKey Second, double Probability, double Weight, string? DecidedBy);
