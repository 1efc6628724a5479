namespace RelationshipKit.Identification;

/// <summary>A generated record and the person it truly describes.</summary>
/// <remarks>Immutable; thread-safe.</remarks>
/// <param name="Record">The record.</param>
/// <param name="PersonId">The generated person (records with the same id are the same person).</param>
public sealed record SyntheticIdentity(IdentityRecord Record, int PersonId);
