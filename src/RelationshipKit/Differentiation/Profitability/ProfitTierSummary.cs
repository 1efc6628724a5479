namespace RelationshipKit.Differentiation.Profitability;

/// <summary>The totals of one profit tier (see <see cref="ProfitabilityReport.SummarizeTiers"/>).</summary>
/// <param name="Tier">The tier name, or <see langword="null"/> for customers in no tier.</param>
/// <param name="Customers">The number of customers in the tier.</param>
/// <param name="Revenue">Their revenue.</param>
/// <param name="CostToServe">Their cost to serve.</param>
/// <param name="Profit">Their profit.</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct ProfitTierSummary(string? Tier, int Customers, decimal Revenue, decimal CostToServe, decimal Profit);
