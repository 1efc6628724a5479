namespace RelationshipKit.Differentiation.Profitability;

/// <summary>One customer's revenue, cost to serve and profit.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Revenue">The customer's net revenue.</param>
/// <param name="Orders">The customer's orders.</param>
/// <param name="CostToServe">The customer's cost to serve.</param>
/// <param name="Profit">Revenue minus cost to serve.</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct CustomerProfit(CustomerId CustomerId, decimal Revenue, int Orders, decimal CostToServe, decimal Profit);
