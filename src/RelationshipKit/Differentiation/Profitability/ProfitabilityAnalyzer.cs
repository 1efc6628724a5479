using RelationshipKit.Summaries;

namespace RelationshipKit.Differentiation.Profitability;

/// <summary>
/// Classifies customers by profitability: revenue minus the host's cost to serve (per customer, per order and per
/// interaction kind), so that a business can see, and reduce the cost of, customers below its profit standard.
/// </summary>
/// <remarks>
/// <para>Revenue and orders come from each summary's purchase history (<see cref="PurchaseHistory.TotalSpend"/> and
/// <see cref="PurchaseHistory.OrderCount"/>). Without history the summaries only know the repeat periods: revenue is then
/// <see cref="CustomerSummary.MonetaryValue"/> × x and orders are x.</para>
/// <para>Interaction counts are an input (see <see cref="InteractionCounts"/>); kinds with counts but no configured
/// cost are reported in <see cref="ProfitabilityReport.UncostedKinds"/> rather than silently ignored.</para>
/// <para>An analyzer holds only its options and is thread-safe.</para>
/// </remarks>
public sealed class ProfitabilityAnalyzer
{
    private readonly CostToServeOptions _options;

    /// <summary>Creates an analyzer.</summary>
    /// <param name="options">The costs (copied); all 0 when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is invalid; the message names it.</exception>
    public ProfitabilityAnalyzer(CostToServeOptions? options = null)
    {
        options ??= new CostToServeOptions();
        options.ThrowIfInvalid();
        _options = options.Clone();
    }

    /// <summary>Computes every customer's profit.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="interactions">Interaction counts per customer and kind; none when <see langword="null"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is <see langword="null"/>.</exception>
    public ProfitabilityReport Analyze(CustomerSummaryTable customers, InteractionCounts? interactions = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        interactions ??= InteractionCounts.Empty;
        int n = customers.Count;
        var result = new CustomerProfit[n];
        ReadOnlySpan<CustomerId> ids = customers.CustomerIds;
        ReadOnlySpan<int> x = customers.Frequency;
        ReadOnlySpan<decimal> mean = customers.MonetaryValue;
        ReadOnlySpan<decimal> total = customers.TotalSpend;
        ReadOnlySpan<int> orderCount = customers.OrderCount;
        var seen = new HashSet<CustomerId>();
        for (int i = 0; i < n; i++)
        {
            decimal revenue = customers.HasHistory ? total[i] : mean[i] * x[i];
            int orders = customers.HasHistory ? orderCount[i] : x[i];
            decimal cost = _options.PerCustomer + (_options.PerOrder * orders);
            foreach (KeyValuePair<string, int> count in interactions.GetCounts(ids[i]))
            {
                if (_options.PerInteraction.TryGetValue(count.Key, out decimal unit))
                {
                    cost += unit * count.Value;
                }
            }

            seen.Add(ids[i]);
            result[i] = new CustomerProfit(ids[i], revenue, orders, cost, revenue - cost);
        }

        string[] uncosted = interactions.Kinds.Where(k => !_options.PerInteraction.ContainsKey(k)).ToArray();
        int unmatched = interactions.Customers.Count(c => !seen.Contains(c));
        return new ProfitabilityReport(result, _options.ProfitStandard, uncosted, unmatched);
    }
}
