namespace RelationshipKit.DependencyInjection;

/// <summary>Marks one registered scoring-strategy name in the container (one instance per name).</summary>
internal sealed record ScoringStrategyName(string Name);
