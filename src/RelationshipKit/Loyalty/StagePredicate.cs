namespace RelationshipKit.Loyalty;

/// <summary>The guard of a stage rule: a pure function of the customer's state and the context.</summary>
/// <param name="state">The customer's state.</param>
/// <param name="context">The time and the customer's current stage.</param>
/// <returns><see langword="true"/> when the rule applies.</returns>
/// <remarks>Guards must be pure and thread-safe (no I/O, no clock, no shared mutable state): a model is shared by all threads.</remarks>
public delegate bool StagePredicate(in LoyaltyState state, in StageContext context);
