namespace RelationshipKit.Identification;

/// <summary>A host override for one pair of records (e.g. from clerical review).</summary>
/// <remarks>An immutable value; thread-safe.</remarks>
/// <param name="First">One record.</param>
/// <param name="Second">The other record.</param>
/// <param name="Kind">The decision.</param>
public readonly record struct MatchOverride(IdentityRecordKey First, IdentityRecordKey Second, MatchOverrideKind Kind);
