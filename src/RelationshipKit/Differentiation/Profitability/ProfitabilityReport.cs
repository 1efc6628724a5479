using RelationshipKit.Differentiation.Tiers;

namespace RelationshipKit.Differentiation.Profitability;

/// <summary>Revenue, cost to serve and profit of every customer, with totals, the customers below the profit standard and profit tiers.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ProfitabilityReport
{
    private readonly CustomerProfit[] _customers;
    private readonly double[] _profits;
    private readonly CustomerProfit[] _belowStandard;

    internal ProfitabilityReport(CustomerProfit[] customers, decimal profitStandard, string[] uncostedKinds, int unmatchedCustomers)
    {
        _customers = customers;
        ProfitStandard = profitStandard;
        UncostedKinds = uncostedKinds;
        UnmatchedCustomers = unmatchedCustomers;
        _profits = new double[customers.Length];
        decimal revenue = 0m;
        decimal cost = 0m;
        for (int i = 0; i < customers.Length; i++)
        {
            _profits[i] = (double)customers[i].Profit;
            revenue += customers[i].Revenue;
            cost += customers[i].CostToServe;
        }

        TotalRevenue = revenue;
        TotalCostToServe = cost;
        TotalProfit = revenue - cost;
        _belowStandard = customers
            .Where(c => c.Profit < profitStandard)
            .OrderBy(c => c.Profit)
            .ThenBy(c => c.CustomerId)
            .ToArray();
    }

    /// <summary>Every customer, in the order of the analysed table.</summary>
    public IReadOnlyList<CustomerProfit> Customers => _customers;

    /// <summary>The profits of <see cref="Customers"/> as doubles, in the same order (for tiers: <see cref="ValueTiers.FromTopPercent(ReadOnlySpan{double}, IEnumerable{TopPercentTier})"/>).</summary>
    public ReadOnlySpan<double> Profits => _profits;

    /// <summary>The total revenue.</summary>
    public decimal TotalRevenue { get; }

    /// <summary>The total cost to serve.</summary>
    public decimal TotalCostToServe { get; }

    /// <summary>The total profit.</summary>
    public decimal TotalProfit { get; }

    /// <summary>The profit standard the report was made with.</summary>
    public decimal ProfitStandard { get; }

    /// <summary>The customers whose profit is below <see cref="ProfitStandard"/>, least profitable first (ties by customer id).</summary>
    public IReadOnlyList<CustomerProfit> BelowStandard => _belowStandard;

    /// <summary>The interaction kinds that had counts but no configured cost (they cost 0), in ordinal order.</summary>
    public IReadOnlyList<string> UncostedKinds { get; }

    /// <summary>The number of customers with interaction counts who are not in the analysed table (their counts were not used).</summary>
    public int UnmatchedCustomers { get; }

    /// <summary>Totals per profit tier.</summary>
    /// <param name="tiers">The tiers, over profit (for example <see cref="ValueTiers.FromTopPercent(ReadOnlySpan{double}, IEnumerable{TopPercentTier})"/> of <see cref="Profits"/>, or host thresholds).</param>
    /// <returns>One summary per tier in tier order, then one for customers in no tier (tier <see langword="null"/>) when there are any.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tiers"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<ProfitTierSummary> SummarizeTiers(ValueTiers tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        int count = tiers.Tiers.Count;
        var customers = new int[count + 1];
        var revenue = new decimal[count + 1];
        var cost = new decimal[count + 1];
        for (int i = 0; i < _customers.Length; i++)
        {
            string? tier = tiers.GetTier(_profits[i]);
            int t = count;
            for (int j = 0; j < count; j++)
            {
                if (ReferenceEquals(tiers.Tiers[j].Name, tier))
                {
                    t = j;
                    break;
                }
            }

            customers[t]++;
            revenue[t] += _customers[i].Revenue;
            cost[t] += _customers[i].CostToServe;
        }

        var result = new List<ProfitTierSummary>(count + 1);
        for (int t = 0; t <= count; t++)
        {
            if (t < count || customers[t] > 0)
            {
                result.Add(new ProfitTierSummary(t < count ? tiers.Tiers[t].Name : null, customers[t], revenue[t], cost[t], revenue[t] - cost[t]));
            }
        }

        return result;
    }
}
