using BenchmarkDotNet.Attributes;
using RelationshipKit.Summaries;

namespace RelationshipKit.Benchmarks.Summaries;

/// <summary>
/// Incremental customer summaries: every transaction of the log (10 per customer on average, ordered by time
/// across customers) is added one at a time to a fresh <see cref="CustomerSummaryAccumulator"/>. The ns/tx column
/// is the cost of one <see cref="CustomerSummaryAccumulator.Add"/>; Allocated / (10 x Customers) is its memory.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(OneCoreConfig))]
public class CustomerSummaryAccumulatorBenchmarks
{
    private Transaction[] _transactions = null!;

    /// <summary>Customers in the log; it holds ten times as many transactions. A smoke run uses 500.</summary>
    [Params(100_000, 1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup() => _transactions = TransactionLog.Generate(BenchmarkSizes.Customers(Customers)).ToTransactions();

    /// <summary>
    /// Why: the yardstick for an in-process host. Without the accumulator a host would at least keep each
    /// customer's transactions in a dictionary of lists (and summarise them later); this is that cost.
    /// </summary>
    [Benchmark(Baseline = true)]
    public int NaiveDictionaryOfLists()
    {
        var byCustomer = new Dictionary<CustomerId, List<Transaction>>();
        foreach (Transaction t in _transactions)
        {
            if (!byCustomer.TryGetValue(t.CustomerId, out List<Transaction>? list))
            {
                list = [];
                byCustomer.Add(t.CustomerId, list);
            }

            list.Add(t);
        }

        return byCustomer.Count;
    }

    /// <summary>
    /// Why: the in-process host's path (a purchase arrives, its summary is current at once): the issue asks for
    /// O(1) per event; this measures that constant, validation and locking included.
    /// </summary>
    [Benchmark]
    public int AccumulatorAdd()
    {
        var accumulator = new CustomerSummaryAccumulator();
        foreach (Transaction t in _transactions)
        {
            accumulator.Add(t);
        }

        return accumulator.CustomerCount;
    }
}
