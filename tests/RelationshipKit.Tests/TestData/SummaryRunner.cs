using Microsoft.Extensions.Time.Testing;
using RelationshipKit.Summaries;

namespace RelationshipKit.Tests.TestData;

/// <summary>The ways the library turns a transaction log into a summary table.</summary>
public enum SummaryPath
{
    /// <summary><see cref="CustomerSummaryBuilder.Build(IEnumerable{Transaction}, DateTimeOffset, DateTimeOffset?)"/>.</summary>
    Sequence,

    /// <summary><see cref="CustomerSummaryBuilder.Build(TransactionColumns, DateTimeOffset, DateTimeOffset?)"/>.</summary>
    Columns,

    /// <summary><see cref="CustomerSummaryAccumulator"/> fed in input order.</summary>
    Accumulator,

    /// <summary><see cref="CustomerSummaryAccumulator"/> fed in reverse input order.</summary>
    AccumulatorReversed,
}

/// <summary>Runs a log through one <see cref="SummaryPath"/>.</summary>
internal static class SummaryRunner
{
    /// <summary>A clock well after every test log (2026), so that nothing is "future".</summary>
    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static CustomerSummaryTable Summarize(
        SummaryPath path,
        IReadOnlyList<Transaction> log,
        CustomerSummaryOptions options,
        TimeProvider clock,
        DateTimeOffset calibrationEnd,
        DateTimeOffset? observationEnd = null)
    {
        switch (path)
        {
            case SummaryPath.Sequence:
                return new CustomerSummaryBuilder(options, clock).Build(log, calibrationEnd, observationEnd);
            case SummaryPath.Columns:
                return BuildColumns(new CustomerSummaryBuilder(options, clock), log, calibrationEnd, observationEnd);
            case SummaryPath.Accumulator:
            case SummaryPath.AccumulatorReversed:
                var accumulator = new CustomerSummaryAccumulator(options, clock);
                IEnumerable<Transaction> order = path == SummaryPath.Accumulator ? log : log.Reverse();
                foreach (Transaction t in order)
                {
                    accumulator.Add(t);
                }

                return accumulator.ToTable(calibrationEnd, observationEnd);
            default:
                throw new ArgumentOutOfRangeException(nameof(path));
        }
    }

    /// <summary>Builds through <see cref="TransactionColumns"/>, customers in first-seen order.</summary>
    public static CustomerSummaryTable BuildColumns(CustomerSummaryBuilder builder, IReadOnlyList<Transaction> log, DateTimeOffset calibrationEnd, DateTimeOffset? observationEnd = null)
    {
        var customers = new List<CustomerId>();
        var positions = new Dictionary<CustomerId, int>();
        int[] index = new int[log.Count];
        for (int i = 0; i < log.Count; i++)
        {
            if (!positions.TryGetValue(log[i].CustomerId, out int c))
            {
                c = customers.Count;
                positions.Add(log[i].CustomerId, c);
                customers.Add(log[i].CustomerId);
            }

            index[i] = c;
        }

        DateTimeOffset[] times = log.Select(t => t.OccurredAt).ToArray();
        decimal[] amounts = log.Select(t => t.Amount).ToArray();
        string?[] orders = log.Any(t => t.OrderId is not null) ? log.Select(t => t.OrderId).ToArray() : [];
        return builder.Build(new TransactionColumns(customers.ToArray(), index, times, amounts, orders), calibrationEnd, observationEnd);
    }
}
