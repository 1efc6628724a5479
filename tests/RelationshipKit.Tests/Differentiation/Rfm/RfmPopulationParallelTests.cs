using Microsoft.Extensions.Time.Testing;
using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.Rfm;
using RelationshipKit.Summaries;

namespace RelationshipKit.Tests.Differentiation.Rfm;

/// <summary>
/// <see cref="RfmPopulation.FromTransactions"/> and <see cref="RfmStrategy.Fit(RfmPopulation)"/> on several threads
/// (<see cref="CustomerSummaryOptions.MaxDegreeOfParallelism"/>, <see cref="RfmOptions.MaxDegreeOfParallelism"/>):
/// the same population, model and errors as on one thread. The logs are large enough for the parallel route
/// (at least <see cref="RfmPopulationBuilder.MinRowsPerWorker"/> rows per thread).
/// </summary>
public sealed class RfmPopulationParallelTests
{
    private static readonly DateTimeOffset Day0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AsOf = Day0.AddDays(300);
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static TheoryData<PurchasePeriod, int> PeriodsAndThreads => new()
    {
        { PurchasePeriod.Day, 2 },
        { PurchasePeriod.Day, 3 },
        { PurchasePeriod.Week, 2 },
        { PurchasePeriod.Transaction, 4 },
    };

    [Fact]
    public void WorkerCount_FewRowsOrOneThread_IsOne_ElseBoundedByRowsPerWorker()
    {
        int min = RfmPopulationBuilder.MinRowsPerWorker;

        RfmPopulationBuilder.WorkerCount(10_000_000, 1).Should().Be(1);
        RfmPopulationBuilder.WorkerCount((2 * min) - 1, 8).Should().Be(1);
        RfmPopulationBuilder.WorkerCount(2 * min, 8).Should().Be(2);
        RfmPopulationBuilder.WorkerCount(10 * min, 4).Should().Be(4);
        RfmPopulationBuilder.WorkerCount(0, 4).Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(PeriodsAndThreads))]
    public void FromTransactions_SeveralThreads_SamePopulationAsOneThread(PurchasePeriod period, int threads)
    {
        Log log = Generate(rows: RfmPopulationBuilder.MinRowsPerWorker * threads * 3 / 2, customers: 30_000, seed: threads);
        var oneThread = new CustomerSummaryOptions { Period = period, TimeUnit = TimeUnit.Week };
        var several = new CustomerSummaryOptions { Period = period, TimeUnit = TimeUnit.Week, MaxDegreeOfParallelism = threads };

        RfmPopulation expected = RfmPopulation.FromTransactions(log.Columns, AsOf, oneThread, Clock);
        RfmPopulation actual = RfmPopulation.FromTransactions(log.Columns, AsOf, several, Clock);

        // The log has customers seen only after the as-of date or only in refunds (left out), and customers whose
        // first row lies in a later range than some of their other rows.
        expected.Count.Should().BeGreaterThan(20_000).And.BeLessThan(log.UsedCustomers);
        ShouldBeIdentical(actual, expected);
        ShouldBeIdentical(actual, RfmPopulation.FromSummaries(new CustomerSummaryBuilder(oneThread, Clock).Build(log.Columns, AsOf), countTransactions: period == PurchasePeriod.Transaction));
    }

    [Theory]
    [InlineData(0.9, 0.2)] // bad rows in the second and the first half: the first half's is reported
    [InlineData(0.7, 0.95)] // both in the second half: the earlier one
    [InlineData(0.1, 0.3)]
    public void FromTransactions_SeveralThreads_BadRows_ThrowTheFirstBadRowLikeOneThread(double futureAt, double tooLargeAt)
    {
        Log log = Generate(rows: RfmPopulationBuilder.MinRowsPerWorker * 3, customers: 10_000, seed: 9);
        int future = (int)(log.At.Length * futureAt);
        int tooLarge = (int)(log.At.Length * tooLargeAt);
        log.At[future] = Clock.GetUtcNow().AddDays(2);
        log.Amounts[tooLarge] = 5_000_000m;

        InvalidTransactionException expected = Catch(() => RfmPopulation.FromTransactions(log.Columns, AsOf, new CustomerSummaryOptions(), Clock));
        InvalidTransactionException actual = Catch(() => RfmPopulation.FromTransactions(log.Columns, AsOf, new CustomerSummaryOptions { MaxDegreeOfParallelism = 2 }, Clock));

        expected.TransactionIndex.Should().Be(Math.Min(future, tooLarge));
        actual.TransactionIndex.Should().Be(expected.TransactionIndex);
        actual.ParamName.Should().Be(expected.ParamName);
        actual.Message.Should().Be(expected.Message);
    }

    [Fact]
    public void FromTransactions_SeveralThreads_CustomerIndexOutOfRange_ThrowsLikeOneThread()
    {
        Log log = Generate(rows: RfmPopulationBuilder.MinRowsPerWorker * 3, customers: 10_000, seed: 4);
        int bad = log.Index.Length - 100;
        log.Index[bad] = log.Customers.Length;

        InvalidTransactionException actual = Catch(() => RfmPopulation.FromTransactions(log.Columns, AsOf, new CustomerSummaryOptions { MaxDegreeOfParallelism = 2 }, Clock));

        actual.TransactionIndex.Should().Be(bad);
        actual.ParamName.Should().Be(nameof(Transaction.CustomerId));
        actual.Message.Should().Be(Catch(() => RfmPopulation.FromTransactions(log.Columns, AsOf, timeProvider: Clock)).Message);
    }

    [Fact]
    public void FromTransactions_SeveralThreads_EmptyCustomerId_ThrowsAtItsFirstRowLikeOneThread()
    {
        Log log = Generate(rows: RfmPopulationBuilder.MinRowsPerWorker * 3, customers: 10_000, seed: 5);
        int victim = log.Index[^7];
        log.Customers[victim] = default;
        int firstUse = Array.IndexOf(log.Index, victim);

        InvalidTransactionException actual = Catch(() => RfmPopulation.FromTransactions(log.Columns, AsOf, new CustomerSummaryOptions { MaxDegreeOfParallelism = 2 }, Clock));

        actual.TransactionIndex.Should().Be(firstUse);
        actual.Message.Should().Be(Catch(() => RfmPopulation.FromTransactions(log.Columns, AsOf, timeProvider: Clock)).Message);
    }

    [Fact]
    public void FromTransactions_SeveralThreads_AmountWithThreeDecimals_TakesSummaryRouteWithSameResult()
    {
        Log log = Generate(rows: RfmPopulationBuilder.MinRowsPerWorker * 3, customers: 10_000, seed: 6);
        log.Amounts[log.Amounts.Length - 3] = 1.005m;

        RfmPopulation actual = RfmPopulation.FromTransactions(log.Columns, AsOf, new CustomerSummaryOptions { MaxDegreeOfParallelism = 2 }, Clock);

        ShouldBeIdentical(actual, RfmPopulation.FromSummaries(new CustomerSummaryBuilder(null, Clock).Build(log.Columns, AsOf)));
    }

    [Theory]
    [InlineData(RfmTiePolicy.First, false)]
    [InlineData(RfmTiePolicy.Shared, false)]
    [InlineData(RfmTiePolicy.First, true)]
    public void Fit_SeveralThreads_SameModelAndScoresAsOneThread(RfmTiePolicy ties, bool fixedFrequency)
    {
        Log log = Generate(rows: 600_000, customers: RfmStrategy.MinCustomersPerParallelFit * 2, seed: 8);
        RfmPopulation population = RfmPopulation.FromTransactions(log.Columns, AsOf, timeProvider: Clock);
        population.Count.Should().BeGreaterThanOrEqualTo(RfmStrategy.MinCustomersPerParallelFit);
        double[]? frequencyThresholds = fixedFrequency ? [2, 4, 6, 8] : null;

        RfmModel one = new RfmStrategy(new RfmOptions { TiePolicy = ties, FrequencyThresholds = frequencyThresholds }).Fit(population);
        RfmModel several = new RfmStrategy(new RfmOptions { TiePolicy = ties, FrequencyThresholds = frequencyThresholds, MaxDegreeOfParallelism = 3 }).Fit(population);

        several.ToJson().Should().Be(one.ToJson());
        var expected = new RfmScore[population.Count];
        var actual = new RfmScore[population.Count];
        one.ScoreCells(population, expected);
        several.ScoreCells(population, actual);
        actual.Should().Equal(expected);
        expected.Select(s => s.Frequency).Distinct().Should().HaveCount(5);
    }

    [Theory]
    [InlineData(RfmTiePolicy.First, RfmMonetaryBasis.Total, TimeUnit.Day)]
    [InlineData(RfmTiePolicy.First, RfmMonetaryBasis.Average, TimeUnit.Week)]
    [InlineData(RfmTiePolicy.Shared, RfmMonetaryBasis.Average, TimeUnit.Day)]
    public void Fit_SummaryTableOnSeveralThreads_SameModelAsOneThreadAndAsPopulation(RfmTiePolicy ties, RfmMonetaryBasis monetary, TimeUnit unit)
    {
        // Each worker reads its dimension from the table itself (values computed into a buffer of its own); weeks
        // make recency fractional (the selection path), days integral (the counting path).
        Log log = Generate(rows: 600_000, customers: RfmStrategy.MinCustomersPerParallelFit * 2, seed: 9);
        CustomerSummaryTable table = new CustomerSummaryBuilder(new CustomerSummaryOptions { TimeUnit = unit }, Clock).Build(log.Columns, AsOf);
        table.Count.Should().BeGreaterThanOrEqualTo(RfmStrategy.MinCustomersPerParallelFit);

        RfmModel one = new RfmStrategy(new RfmOptions { TiePolicy = ties, Monetary = monetary }).Fit(table);
        RfmModel two = new RfmStrategy(new RfmOptions { TiePolicy = ties, Monetary = monetary, MaxDegreeOfParallelism = 2 }).Fit(table);
        RfmModel fromPopulation = new RfmStrategy(new RfmOptions { TiePolicy = ties, Monetary = monetary, MaxDegreeOfParallelism = 2 }).Fit(RfmPopulation.FromSummaries(table));

        two.ToJson().Should().Be(one.ToJson());
        fromPopulation.ToJson().Should().Be(one.ToJson());
        if (ties == RfmTiePolicy.First)
        {
            one.FrequencyBins.TieBreakers.Should().Contain(t => t != null, "frequency ties straddle the cuts");
        }
    }

    private static InvalidTransactionException Catch(Action build)
    {
        try
        {
            build();
        }
        catch (InvalidTransactionException ex)
        {
            return ex;
        }

        throw new InvalidOperationException("No InvalidTransactionException was thrown.");
    }

    /// <summary>
    /// A shuffled log over customers at scattered positions of a larger customer column: amounts of 0.01 to 500.00
    /// with some refunds, days from before to after the as-of date, some customers only after it or only refunding.
    /// </summary>
    private static Log Generate(int rows, int customers, int seed)
    {
        var random = new Random(seed);
        var ids = new CustomerId[customers * 3 / 2];
        for (int c = 0; c < ids.Length; c++)
        {
            ids[c] = new CustomerId($"K{random.Next():X8}-{c}");
        }

        int[] position = Enumerable.Range(0, ids.Length).ToArray();
        random.Shuffle(position);
        var index = new int[rows];
        var at = new DateTimeOffset[rows];
        var amounts = new decimal[rows];
        for (int i = 0; i < rows; i++)
        {
            int customer = random.Next(customers);
            index[i] = position[customer];
            int day = customer % 50 == 0 ? random.Next(301, 360) : random.Next(0, 340); // every 50th only after the as-of day
            at[i] = Day0.AddDays(day).AddMinutes(random.Next(0, 1440));
            bool refund = customer % 50 == 1 || random.Next(20) == 0; // every 50th (plus 1) only refunds
            amounts[i] = (refund ? -1 : 1) * random.Next(1, 50_001) / 100m;
        }

        return new Log(ids, index, at, amounts, customers);
    }

    private static void ShouldBeIdentical(RfmPopulation actual, RfmPopulation expected)
    {
        actual.TimeUnit.Should().Be(expected.TimeUnit);
        actual.Count.Should().Be(expected.Count);
        actual.CustomerIds.ToArray().Should().Equal(expected.CustomerIds.ToArray());
        actual.PurchasePeriods.ToArray().Should().Equal(expected.PurchasePeriods.ToArray());
        actual.Recency.ToArray().Select(BitConverter.DoubleToInt64Bits).Should().Equal(expected.Recency.ToArray().Select(BitConverter.DoubleToInt64Bits));
        actual.TotalSpend.ToArray().Select(v => v == 0 ? 0 : BitConverter.DoubleToInt64Bits(v)).Should().Equal(expected.TotalSpend.ToArray().Select(v => v == 0 ? 0 : BitConverter.DoubleToInt64Bits(v)));
    }

    private sealed record Log(CustomerId[] Customers, int[] Index, DateTimeOffset[] At, decimal[] Amounts, int UsedCustomers)
    {
        public TransactionColumns Columns => new(Customers, Index, At, Amounts);
    }
}
