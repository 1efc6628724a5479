namespace RelationshipKit.Loyalty;

/// <summary>Whether a customer belongs to a segment: a pure function of their state and the context.</summary>
/// <param name="state">The customer's state.</param>
/// <param name="context">The time and the customer's stages.</param>
/// <returns><see langword="true"/> for a member.</returns>
/// <remarks>Predicates must be pure and thread-safe; <see cref="SegmentPredicates"/> has the common ones.</remarks>
public delegate bool SegmentPredicate(in LoyaltyState state, in LoyaltyContext context);
