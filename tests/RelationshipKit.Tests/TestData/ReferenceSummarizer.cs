using RelationshipKit.Summaries;

namespace RelationshipKit.Tests.TestData;

/// <summary>One customer's figures as computed by <see cref="ReferenceSummarizer"/>.</summary>
internal sealed record ReferenceSummary(
    CustomerId CustomerId,
    int Frequency,
    double Recency,
    double T,
    decimal MonetaryValue,
    DateTimeOffset FirstPurchase,
    DateTimeOffset LastPurchase,
    int OrderCount,
    decimal TotalSpend,
    HoldoutSummary? Holdout);

/// <summary>The reference found two purchases with one order id but a different timestamp or amount.</summary>
internal sealed class ReferenceConflictException(string message) : Exception(message);

/// <summary>
/// A deliberately naive, obviously correct implementation of the documented summary rules (Fader, Hardie and Lee
/// 2005 definitions plus the replay and refund rules of <see cref="CustomerSummaryOptions"/>), written with LINQ over
/// whole lists. It shares no code with the library: period keys are calendar dates (or exact instants), durations
/// are whole days (or ticks) divided by the unit's length in days, written out here.
/// </summary>
internal static class ReferenceSummarizer
{
    public static double DaysPerUnit(TimeUnit unit) => unit switch
    {
        TimeUnit.Day => 1d,
        TimeUnit.Week => 7d,
        TimeUnit.Month => 365.25 / 12,
        TimeUnit.Year => 365.25,
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };

    /// <summary>Summaries in the order in which customers first appear in <paramref name="log"/>.</summary>
    /// <exception cref="ReferenceConflictException">Two purchases of one customer share an order id but differ.</exception>
    public static List<ReferenceSummary> Summarize(
        IReadOnlyList<Transaction> log,
        PurchasePeriod period,
        TimeUnit unit,
        TimeZoneInfo zone,
        DateTimeOffset calibrationEnd,
        DateTimeOffset? observationEnd)
    {
        double daysPerUnit = DaysPerUnit(unit);

        // A period is identified by a number: the instant's ticks (one period per instant), or the day number of the
        // local calendar date (Day) or of the Monday that starts its ISO week (Week).
        long PeriodOf(DateTimeOffset at)
        {
            if (period == PurchasePeriod.Transaction)
            {
                return at.UtcTicks;
            }

            DateOnly local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
            if (period == PurchasePeriod.Week)
            {
                int daysSinceMonday = ((int)local.DayOfWeek + 6) % 7;
                local = local.AddDays(-daysSinceMonday);
            }

            return local.DayNumber;
        }

        // Durations between period starts: whole days for Day/Week, ticks for Transaction.
        double Between(long fromPeriod, long toPeriod) => period == PurchasePeriod.Transaction
            ? (toPeriod - fromPeriod) / (daysPerUnit * TimeSpan.TicksPerDay)
            : (toPeriod - fromPeriod) / daysPerUnit;

        long calibrationPeriod = PeriodOf(calibrationEnd);
        long? observationPeriod = observationEnd is { } o ? PeriodOf(o) : null;

        var result = new List<ReferenceSummary>();
        foreach (IGrouping<CustomerId, Transaction> customer in log.GroupBy(t => t.CustomerId))
        {
            List<Transaction> accepted = Deduplicate(customer.ToList());

            var periods = accepted
                .GroupBy(t => PeriodOf(t.OccurredAt))
                .Select(g => new
                {
                    Key = g.Key,
                    Spend = g.Sum(t => t.Amount),
                    Purchases = g.Where(t => t.Amount >= 0m).ToList(),
                })
                .OrderBy(p => p.Key)
                .ToList();

            var calibration = periods.Where(p => p.Key <= calibrationPeriod).ToList();
            var purchasePeriods = calibration.Where(p => p.Purchases.Count > 0).ToList();
            if (purchasePeriods.Count == 0)
            {
                continue;
            }

            var first = purchasePeriods[0];
            var last = purchasePeriods[^1];
            int x = purchasePeriods.Count - 1;
            decimal monetary = x == 0 ? 0m : purchasePeriods.Skip(1).Sum(p => p.Spend) / x;

            HoldoutSummary? holdout = null;
            if (observationPeriod is { } obs)
            {
                var holdoutPeriods = periods.Where(p => p.Key > calibrationPeriod && p.Key <= obs && p.Purchases.Count > 0).ToList();
                holdout = new HoldoutSummary(
                    holdoutPeriods.Count,
                    holdoutPeriods.Count == 0 ? 0m : holdoutPeriods.Sum(p => p.Spend) / holdoutPeriods.Count,
                    Between(calibrationPeriod, obs));
            }

            result.Add(new ReferenceSummary(
                customer.Key,
                x,
                Between(first.Key, last.Key),
                Between(first.Key, calibrationPeriod),
                monetary,
                first.Purchases.OrderBy(t => t.OccurredAt.UtcTicks).ThenBy(t => t.Offset()).First().OccurredAt,
                last.Purchases.OrderBy(t => t.OccurredAt.UtcTicks).ThenBy(t => t.Offset()).Last().OccurredAt,
                calibration.Sum(p => p.Purchases.Count),
                calibration.Sum(p => p.Spend),
                holdout));
        }

        return result;
    }

    /// <summary>How many transactions of <paramref name="log"/> are kept once replays are removed.</summary>
    public static int CountAccepted(IReadOnlyList<Transaction> log) =>
        log.GroupBy(t => t.CustomerId).Sum(g => Deduplicate(g.ToList()).Count);

    /// <summary>
    /// Keeps the first of each replay: purchases with an order id are identified by it (a second one with another
    /// timestamp or amount is a conflict); refunds with an order id by (order id, instant, amount).
    /// </summary>
    private static List<Transaction> Deduplicate(List<Transaction> transactions)
    {
        foreach (IGrouping<string, Transaction> order in transactions.Where(t => t.OrderId is not null && t.Amount >= 0m).GroupBy(t => t.OrderId!, StringComparer.Ordinal))
        {
            if (order.Select(t => (t.OccurredAt.UtcTicks, t.Amount)).Distinct().Count() > 1)
            {
                throw new ReferenceConflictException($"Order '{order.Key}' of '{order.First().CustomerId}' has conflicting purchases.");
            }
        }

        var seenPurchases = new HashSet<string>(StringComparer.Ordinal);
        var seenRefunds = new HashSet<(string, long, decimal)>();
        return transactions
            .Where(t => t.OrderId is null
                || (t.Amount >= 0m ? seenPurchases.Add(t.OrderId) : seenRefunds.Add((t.OrderId, t.OccurredAt.UtcTicks, t.Amount))))
            .ToList();
    }

    private static TimeSpan Offset(this Transaction t) => t.OccurredAt.Offset;
}
