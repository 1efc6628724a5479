using RelationshipKit.Summaries;

namespace RelationshipKit.Benchmarks.Summaries;

/// <summary>
/// A smoke-run check that the benchmarks compare like with like: the columnar build (customers in first-seen and in
/// shuffled positions), the sequence build, the incremental accumulator and the naive baseline must give the same
/// figures for the generated log.
/// </summary>
internal static class SummaryCrossCheck
{
    public static void ThrowIfDifferent(TransactionLog log, Transaction[] transactions)
    {
        var builder = new CustomerSummaryBuilder();
        DateTimeOffset end = TransactionLog.CalibrationEnd;
        CustomerSummaryTable columns = builder.Build(log.Columns, end);
        CustomerSummaryTable sequence = builder.Build(transactions, end);
        CustomerSummaryTable shuffled = builder.Build(log.WithShuffledCustomers().Columns, end);
        var accumulator = new CustomerSummaryAccumulator();
        foreach (Transaction t in transactions)
        {
            accumulator.Add(t);
        }

        CustomerSummaryTable incremental = accumulator.ToTable(end, null);
        List<NaiveSummary> naive = NaiveSummaries.Build(transactions, end);

        Require(columns.Count == naive.Count, $"columnar build has {columns.Count} customers, the baseline {naive.Count}");
        for (int i = 0; i < naive.Count; i++)
        {
            CustomerSummary c = columns[i];
            NaiveSummary n = naive[i];
            Require(
                c.CustomerId == n.CustomerId && c.Frequency == n.Frequency && c.Recency == n.Recency && c.T == n.T && c.MonetaryValue == n.MonetaryValue
                    && decimal.GetBits(c.MonetaryValue).AsSpan().SequenceEqual(decimal.GetBits(n.MonetaryValue)),
                $"row {i}: builder {c.CustomerId} x={c.Frequency} t_x={c.Recency} T={c.T} m={c.MonetaryValue}, baseline {n}");
            Require(c.Equals(sequence[i]), $"row {i}: the sequence build differs from the columnar build");
            Require(c.Equals(shuffled[i]), $"row {i}: the build with shuffled customer positions differs");
            Require(c.Equals(incremental[i]), $"row {i}: the accumulator differs from the columnar build");
        }

        Require(sequence.Count == columns.Count && incremental.Count == columns.Count && shuffled.Count == columns.Count, "the builds differ in customer count");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Summary cross-check failed: " + message);
        }
    }
}
