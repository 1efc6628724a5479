using BenchmarkDotNet.Attributes;
using RelationshipKit.Summaries;

namespace RelationshipKit.Benchmarks.Summaries;

/// <summary>
/// Batch customer summaries (issue 2, "Speed"): a log of 10 transactions per customer on average, ordered by time
/// across customers, summarised with the default options (day periods, UTC, days).
/// The headline case is 1,000,000 customers, i.e. 10,000,000 transactions; the goal is at most 0.5 s on one core.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(OneCoreConfig))]
public class CustomerSummaryBenchmarks
{
    private readonly CustomerSummaryBuilder _builder = new();
    private TransactionLog _log = null!;
    private Transaction[] _transactions = null!;

    /// <summary>Customers in the log; it holds ten times as many transactions. A smoke run uses 500.</summary>
    [Params(100_000, 1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup(Targets = [nameof(Columns)])]
    public void SetupColumns() => _log = TransactionLog.Generate(BenchmarkSizes.Customers(Customers));

    [GlobalSetup(Targets = [nameof(ColumnsShuffledCustomers)])]
    public void SetupShuffled() => _log = TransactionLog.Generate(BenchmarkSizes.Customers(Customers)).WithShuffledCustomers();

    [GlobalSetup(Targets = [nameof(NaiveLinqGroupBy), nameof(Transactions)])]
    public void SetupTransactions()
    {
        SetupColumns();
        _transactions = _log.ToTransactions();
        if (BenchmarkSizes.Smoke)
        {
            SummaryCrossCheck.ThrowIfDifferent(_log, _transactions);
        }
    }

    /// <summary>
    /// Why: the yardstick. The definitions written with LINQ GroupBy over transaction objects, as a developer would
    /// without the library; it shows what the builder's design buys.
    /// </summary>
    [Benchmark(Baseline = true)]
    public int NaiveLinqGroupBy() => NaiveSummaries.Build(_transactions, TransactionLog.CalibrationEnd).Count;

    /// <summary>
    /// Why: the fast path and the goal ("summaries from in-memory arrays in at most 0.5 s on one core"):
    /// columns (struct-of-arrays) with customers given by position, numbered at first sighting as a reader fills them.
    /// </summary>
    [Benchmark]
    public int Columns() => _builder.Build(_log.Columns, TransactionLog.CalibrationEnd).Count;

    /// <summary>
    /// Why: the same build when the customer column is not in first-seen order (a producer that numbers customers
    /// some other way): every row's customer must then be looked up at random, which the first-seen order avoids.
    /// </summary>
    [Benchmark]
    public int ColumnsShuffledCustomers() => _builder.Build(_log.Columns, TransactionLog.CalibrationEnd).Count;

    /// <summary>
    /// Why: the convenient path most hosts call first, <c>Build(IEnumerable&lt;Transaction&gt;)</c>: it pays for
    /// hashing every customer id and copying the rows into columns before the columnar build.
    /// </summary>
    [Benchmark]
    public int Transactions() => _builder.Build(_transactions, TransactionLog.CalibrationEnd).Count;
}
