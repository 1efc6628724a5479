namespace RelationshipKit.Differentiation.Tiers;

/// <summary>A point of a Lorenz curve: the poorest <see cref="PopulationShare"/> of customers bring <see cref="RevenueShare"/> of the revenue.</summary>
/// <param name="PopulationShare">The share of customers, from the lowest revenue up, in [0, 1].</param>
/// <param name="RevenueShare">Their share of the revenue, in [0, 1].</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct LorenzPoint(double PopulationShare, double RevenueShare);
