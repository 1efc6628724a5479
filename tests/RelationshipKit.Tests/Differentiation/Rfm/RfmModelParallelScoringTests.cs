using Microsoft.Extensions.Time.Testing;
using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.Rfm;
using RelationshipKit.Summaries;

namespace RelationshipKit.Tests.Differentiation.Rfm;

/// <summary>
/// Span scoring on several threads (<see cref="RfmModel.MaxDegreeOfParallelism"/>, from
/// <see cref="RfmOptions.MaxDegreeOfParallelism"/>): the same values and cells as on one thread, for populations,
/// tables and table slices, at the first scoring (tied customers' ids read from their strings) and after it (the key
/// column). The inputs are large enough for the parallel route (<see cref="RfmModel.MinCustomersPerParallelScore"/>).
/// </summary>
public sealed class RfmModelParallelScoringTests
{
    private static readonly DateTimeOffset Day0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AsOf = Day0.AddDays(200);
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(RfmTiePolicy.First, 2)]
    [InlineData(RfmTiePolicy.First, 3)]
    [InlineData(RfmTiePolicy.Shared, 2)]
    public void ScorePopulation_SeveralThreads_SameValuesAndCellsAsOneThread(RfmTiePolicy ties, int threads)
    {
        RfmPopulation population = RfmPopulation.FromTransactions(Generate(seed: threads).Columns, AsOf, timeProvider: Clock);
        RfmModel one = new RfmStrategy(new RfmOptions { TiePolicy = ties }).Fit(population);
        RfmModel several = new RfmStrategy(new RfmOptions { TiePolicy = ties, MaxDegreeOfParallelism = threads }).Fit(population);
        several.MaxDegreeOfParallelism.Should().Be(threads);
        one.MaxDegreeOfParallelism.Should().Be(1);

        // Twice: the first scoring reads the tied customers' strings, the later ones the population's key column.
        for (int round = 0; round < 2; round++)
        {
            var expected = new CustomerValue[population.Count];
            var actual = new CustomerValue[population.Count + 3];
            one.Score(population, expected);
            several.Score(population, actual);
            actual.AsSpan(0, population.Count).ToArray().Should().Equal(expected);
            actual.AsSpan(population.Count).ToArray().Should().AllBeEquivalentTo(default(CustomerValue), "rows past the population are not written");

            var expectedCells = new RfmScore[population.Count];
            var actualCells = new RfmScore[population.Count];
            several.ScoreCells(population, actualCells);
            one.ScoreCells(population, expectedCells);
            actualCells.Should().Equal(expectedCells);
        }

        if (ties == RfmTiePolicy.First)
        {
            several.FrequencyBins.TieBreakers.Should().Contain(id => id.HasValue, "the frequency edges fall inside runs of equal values");
        }
    }

    [Fact]
    public void ScoreTableAndSlice_SeveralThreads_SameValuesAsOneThread()
    {
        CustomerSummaryTable table = new CustomerSummaryBuilder(new CustomerSummaryOptions(), Clock).Build(Generate(seed: 11).Columns, AsOf);
        RfmModel one = new RfmStrategy().Fit(table);
        RfmModel several = new RfmStrategy(new RfmOptions { MaxDegreeOfParallelism = 2 }).Fit(table);
        CustomerSummaryTable slice = table.Slice(1_001, RfmModel.MinCustomersPerParallelScore + 4_321);

        foreach (CustomerSummaryTable customers in new[] { table, slice, slice })
        {
            var expected = new CustomerValue[customers.Count];
            var actual = new CustomerValue[customers.Count];
            one.Score(customers, expected);
            several.Score(customers, actual);
            actual.Should().Equal(expected);
            expected.Select(v => v.Rfm!.Value.Frequency).Distinct().Should().HaveCount(5);
        }
    }

    [Fact]
    public void LoadModel_TakesTheLoadingStrategysParallelism_AndScoresTheSame()
    {
        RfmPopulation population = RfmPopulation.FromTransactions(Generate(seed: 5).Columns, AsOf, timeProvider: Clock);
        RfmModel fitted = new RfmStrategy().Fit(population);

        RfmModel loaded = new RfmStrategy(new RfmOptions { MaxDegreeOfParallelism = 4 }).LoadModel(fitted.ToJson());

        loaded.MaxDegreeOfParallelism.Should().Be(4);
        loaded.ToJson().Should().Be(fitted.ToJson(), "the parallelism is a run-time setting, not part of the model");
        var expected = new RfmScore[population.Count];
        var actual = new RfmScore[population.Count];
        fitted.ScoreCells(population, expected);
        loaded.ScoreCells(population, actual);
        actual.Should().Equal(expected);
    }

    [Fact]
    public void ScoreSpan_OneThreadModel_AllocatesNothing_AfterTheKeyColumnIsBuilt()
    {
        CustomerSummaryTable table = new CustomerSummaryBuilder(new CustomerSummaryOptions(), Clock).Build(Generate(seed: 12).Columns, AsOf);
        RfmModel model = new RfmStrategy().Fit(table);
        var values = new CustomerValue[table.Count];
        var cells = new RfmScore[table.Count];
        model.Score(table, values);
        model.Score(table, values); // the second scoring builds the table's key column
        model.ScoreCells(table, cells);

        long least = long.MaxValue;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            model.Score(table, values);
            model.ScoreCells(table, cells);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        least.Should().Be(0, "span scoring on the calling thread allocates nothing, not even a closure for the threaded route");
    }

    /// <summary>A shuffled log of 100,000 customers with 1 to 9 purchases on the days of 200 days (heavy ties).</summary>
    private static Log Generate(int seed)
    {
        var random = new Random(seed);
        const int customers = 100_000;
        var ids = new CustomerId[customers];
        for (int c = 0; c < customers; c++)
        {
            ids[c] = new CustomerId($"P{random.Next():X8}-{c}");
        }

        var index = new List<int>();
        var at = new List<DateTimeOffset>();
        var amounts = new List<decimal>();
        for (int c = 0; c < customers; c++)
        {
            int purchases = random.Next(1, 10);
            for (int p = 0; p < purchases; p++)
            {
                index.Add(c);
                at.Add(Day0.AddDays(random.Next(0, 200)).AddMinutes(random.Next(0, 1440)));
                amounts.Add(random.Next(1, 30_001) / 100m);
            }
        }

        int[] order = Enumerable.Range(0, index.Count).ToArray();
        random.Shuffle(order);
        return new Log(ids, order.Select(i => index[i]).ToArray(), order.Select(i => at[i]).ToArray(), order.Select(i => amounts[i]).ToArray());
    }

    private sealed record Log(CustomerId[] Customers, int[] Index, DateTimeOffset[] At, decimal[] Amounts)
    {
        public TransactionColumns Columns => new(Customers, Index, At, Amounts);
    }
}
