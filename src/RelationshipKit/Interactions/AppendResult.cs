namespace RelationshipKit.Interactions;

/// <summary>The result of appending one interaction.</summary>
/// <param name="Outcome">Whether it was appended, recognised as a replay, or refused because its id was erased.</param>
/// <param name="Version">The customer's version after the call: the number of interactions stored for the customer.</param>
public readonly record struct AppendResult(AppendOutcome Outcome, long Version);
