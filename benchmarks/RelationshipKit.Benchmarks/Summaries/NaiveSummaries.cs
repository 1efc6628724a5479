namespace RelationshipKit.Benchmarks.Summaries;

/// <summary>One customer's figures from the naive baseline.</summary>
internal readonly record struct NaiveSummary(CustomerId CustomerId, int Frequency, double Recency, double T, decimal MonetaryValue);

/// <summary>
/// The baseline: the customer summary definitions written the straightforward way, with LINQ GroupBy, as a
/// developer would write them without the library (and much as pandas or lifetimes compute them).
/// </summary>
/// <remarks>
/// It covers what the benchmark log needs and no more: UTC days as periods, time in days, positive amounts, no order
/// ids. Per customer: purchases grouped by day, frequency = days - 1, recency = last day - first day,
/// T = calibration day - first day, monetary value = mean spend of the days after the first. It does not compute
/// the first/last purchase, order count or total spend that the builder also returns, nor validate input.
/// </remarks>
internal static class NaiveSummaries
{
    public static List<NaiveSummary> Build(IEnumerable<Transaction> transactions, DateTimeOffset calibrationEnd)
    {
        long calibrationDay = calibrationEnd.UtcTicks / TimeSpan.TicksPerDay;
        return transactions
            .Where(t => t.OccurredAt.UtcTicks / TimeSpan.TicksPerDay <= calibrationDay)
            .GroupBy(t => t.CustomerId)
            .Select(customer =>
            {
                var days = customer
                    .GroupBy(t => t.OccurredAt.UtcTicks / TimeSpan.TicksPerDay)
                    .Select(day => (Day: day.Key, Spend: day.Sum(t => t.Amount)))
                    .OrderBy(day => day.Day)
                    .ToList();
                int frequency = days.Count - 1;
                decimal monetary = frequency == 0 ? 0m : days.Skip(1).Sum(day => day.Spend) / frequency;
                return new NaiveSummary(customer.Key, frequency, days[^1].Day - days[0].Day, calibrationDay - days[0].Day, monetary);
            })
            .ToList();
    }
}
