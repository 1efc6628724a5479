using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.Rfm;
using RelationshipKit.Summaries;

namespace RelationshipKit.Benchmarks;

/// <summary>
/// RFM: fitting quantile bins, scoring a fitted model over a table, and the end-to-end job of the issue (summaries and
/// RFM scores of 1,000,000 customers from 10,000,000 in-memory transactions; pandas needs 2.10 s for it).
/// </summary>
/// <remarks>
/// Samples: synthetic customers with 1 to 19 transactions each (10 on average) on random days of two years, amounts of
/// 1.00 to 200.00: frequency ties are heavy (as in real data, where most customers buy few times), so the First
/// policy's id tie-breakers are exercised. Baselines: a sort-and-rank fit (what pandas qcut(rank(method='first')) does),
/// per-customer scoring through <see cref="CustomerSummaryTable"/>'s indexer, and, for the end-to-end job, building the
/// summaries alone (so the difference is RFM's own part). RELKIT_BENCH_SMOKE=1 shrinks the sizes for CI's dry run.
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RfmBenchmarks
{
    private static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset CalibrationEnd = Start.AddDays(730);

    private CustomerId[] _customers = [];
    private int[] _customerIndex = [];
    private DateTimeOffset[] _occurredAt = [];
    private decimal[] _amounts = [];
    private CustomerSummaryTable _table = null!;
    private RfmStrategy _strategy = null!;
    private RfmModel _model = null!;
    private RfmStrategy _sharedStrategy = null!;
    private RfmModel _sharedModel = null!;
    private CustomerValue[] _values = [];
    private RfmScore[] _cells = [];
    private CustomerSummaryBuilder _builder = null!;
    private CustomerSummaryOptions _allCoresSummaries = null!;
    private RfmStrategy _allCoresStrategy = null!;

    /// <summary>Customer counts; tiny under RELKIT_BENCH_SMOKE=1.</summary>
    public static IEnumerable<int> CustomerCounts =>
        Environment.GetEnvironmentVariable("RELKIT_BENCH_SMOKE") == "1" ? [1_000] : [100_000, 1_000_000];

    [ParamsSource(nameof(CustomerCounts))]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        int n = Customers;
        _customers = new CustomerId[n];
        for (int c = 0; c < n; c++)
        {
            _customers[c] = new CustomerId($"C{c:D8}");
        }

        var index = new List<int>(n * 10);
        var at = new List<DateTimeOffset>(n * 10);
        var amounts = new List<decimal>(n * 10);
        for (int c = 0; c < n; c++)
        {
            int count = random.Next(1, 20);
            for (int t = 0; t < count; t++)
            {
                index.Add(c);
                at.Add(Start.AddDays(random.Next(0, 730)).AddMinutes(random.Next(0, 1440)));
                amounts.Add(random.Next(100, 20_001) / 100m);
            }
        }

        // Shuffle rows so that the log is not grouped by customer.
        int rows = index.Count;
        _customerIndex = new int[rows];
        _occurredAt = new DateTimeOffset[rows];
        _amounts = new decimal[rows];
        int[] order = Enumerable.Range(0, rows).ToArray();
        random.Shuffle(order);
        for (int i = 0; i < rows; i++)
        {
            _customerIndex[i] = index[order[i]];
            _occurredAt[i] = at[order[i]];
            _amounts[i] = amounts[order[i]];
        }

        _builder = new CustomerSummaryBuilder();
        _table = _builder.Build(Columns(), CalibrationEnd);
        _strategy = new RfmStrategy();
        _model = _strategy.Fit(_table);
        _sharedStrategy = new RfmStrategy(new RfmOptions { TiePolicy = RfmTiePolicy.Shared });
        _sharedModel = _sharedStrategy.Fit(_table);
        _allCoresSummaries = new CustomerSummaryOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        _allCoresStrategy = new RfmStrategy(new RfmOptions { MaxDegreeOfParallelism = Environment.ProcessorCount });
        _values = new CustomerValue[_table.Count];
        _cells = new RfmScore[_table.Count];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Fit")]
    public int FitBySortAndRank() => NaiveFit(_table, 5);

    [Benchmark]
    [BenchmarkCategory("Fit")]
    public RfmModel Fit() => _strategy.Fit(_table);

    [Benchmark]
    [BenchmarkCategory("Fit")]
    public RfmModel FitShared() => _sharedStrategy.Fit(_table);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Score")]
    public double ScoreOneByOne()
    {
        double sum = 0;
        for (int i = 0; i < _table.Count; i++)
        {
            sum += _model.Score(_table[i]).Score;
        }

        return sum;
    }

    [Benchmark]
    [BenchmarkCategory("Score")]
    public void ScoreSpan() => _model.Score(_table, _values);

    [Benchmark]
    [BenchmarkCategory("Score")]
    public void ScoreCellsSpan() => _model.ScoreCells(_table, _cells);

    [Benchmark]
    [BenchmarkCategory("Score")]
    public void ScoreSpanShared() => _sharedModel.Score(_table, _values);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("EndToEnd")]
    public CustomerSummaryTable SummariesOnly() => _builder.Build(Columns(), CalibrationEnd);

    [Benchmark]
    [BenchmarkCategory("EndToEnd")]
    public void SummariesFitAndScore()
    {
        CustomerSummaryTable table = _builder.Build(Columns(), CalibrationEnd);
        RfmModel model = _strategy.Fit(table);
        model.Score(table, _values);
    }

    /// <summary>
    /// The issue-3 end-to-end job through the dedicated RFM route: one group-by of the transaction columns into an
    /// <see cref="RfmPopulation"/> (last purchase, distinct purchase days, total spend), the quantile fit, and scoring
    /// every customer. Same scores as <see cref="SummariesFitAndScore"/> (tested in RfmPopulationTests).
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("EndToEnd")]
    public void TransactionsFitAndScore()
    {
        RfmPopulation population = RfmPopulation.FromTransactions(Columns(), CalibrationEnd);
        RfmModel model = _strategy.Fit(population);
        model.Score(population, _values);
    }

    /// <summary>
    /// <see cref="TransactionsFitAndScore"/> with every core (<see cref="CustomerSummaryOptions.MaxDegreeOfParallelism"/>
    /// and <see cref="RfmOptions.MaxDegreeOfParallelism"/> set to the processor count): the group-by's ranges of rows and
    /// buckets, and the three dimensions' fits, side by side. Same population and model as on one thread (tested in
    /// RfmPopulationParallelTests).
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("EndToEnd")]
    public void TransactionsFitAndScoreAllCores()
    {
        RfmPopulation population = RfmPopulation.FromTransactions(Columns(), CalibrationEnd, _allCoresSummaries);
        RfmModel model = _allCoresStrategy.Fit(population);
        model.Score(population, _values);
    }

    /// <summary>The group-by of <see cref="TransactionsFitAndScoreAllCores"/> alone.</summary>
    [Benchmark]
    [BenchmarkCategory("EndToEnd")]
    public RfmPopulation PopulationOnlyAllCores() => RfmPopulation.FromTransactions(Columns(), CalibrationEnd, _allCoresSummaries);

    /// <summary>The group-by of the dedicated route alone (its share of <see cref="TransactionsFitAndScore"/>).</summary>
    [Benchmark]
    [BenchmarkCategory("EndToEnd")]
    public RfmPopulation PopulationOnly() => RfmPopulation.FromTransactions(Columns(), CalibrationEnd);

    private TransactionColumns Columns() => new(_customers, _customerIndex, _occurredAt, _amounts);

    /// <summary>The textbook way: for each dimension sort (value, id), rank, and cut the ranks into k bins.</summary>
    private static int NaiveFit(CustomerSummaryTable table, int k)
    {
        int n = table.Count;
        var recency = new double[n];
        var frequency = new double[n];
        var monetary = new double[n];
        string[] ids = new string[n];
        for (int i = 0; i < n; i++)
        {
            recency[i] = table.T[i] - table.Recency[i];
            frequency[i] = table.Frequency[i] + 1;
            monetary[i] = (double)table.TotalSpend[i];
            ids[i] = table.CustomerIds[i].Value;
        }

        int checksum = 0;
        foreach (double[] values in new[] { recency, frequency, monetary })
        {
            int[] order = Enumerable.Range(0, n).OrderBy(i => values[i]).ThenBy(i => ids[i], StringComparer.Ordinal).ToArray();
            var bins = new int[n];
            for (int r = 1; r <= n; r++)
            {
                bins[order[r - 1]] = (int)Math.Max(1, Math.Ceiling(k * (r - 1) / (double)(n - 1)));
            }

            checksum += bins[0];
        }

        return checksum;
    }
}
