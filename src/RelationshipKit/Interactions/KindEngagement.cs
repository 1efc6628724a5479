namespace RelationshipKit.Interactions;

/// <summary>How often a customer had interactions of one kind, and the latest.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Count">How many interactions of this kind are stored (1 or more).</param>
/// <param name="LastAt">The latest <see cref="Interaction.OccurredAt"/> among them.</param>
public readonly record struct KindEngagement(InteractionKind Kind, long Count, DateTimeOffset LastAt);
