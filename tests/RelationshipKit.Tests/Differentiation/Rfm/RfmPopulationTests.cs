using CsCheck;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.Rfm;
using RelationshipKit.Simulation;
using RelationshipKit.Summaries;

namespace RelationshipKit.Tests.Differentiation.Rfm;

/// <summary>
/// The dedicated RFM route (<see cref="RfmPopulation.FromTransactions"/>) against the summary route
/// (<see cref="CustomerSummaryBuilder"/> then <see cref="RfmPopulation.FromSummaries"/>): same customers, order and
/// values bit for bit, hence the same scores (issue 3, speed).
/// </summary>
public sealed class RfmPopulationTests
{
    private static readonly DateTimeOffset Day0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static TheoryData<PurchasePeriod, TimeUnit> PeriodsAndUnits => new()
    {
        { PurchasePeriod.Day, TimeUnit.Day },
        { PurchasePeriod.Day, TimeUnit.Week },
        { PurchasePeriod.Transaction, TimeUnit.Day },
        { PurchasePeriod.Week, TimeUnit.Month },
    };

    [Theory]
    [MemberData(nameof(PeriodsAndUnits))]
    public void FromTransactions_SimulatedLog_EqualsSummaryRoute(PurchasePeriod period, TimeUnit unit)
    {
        SimulatedTransactions log = Simulate(3000, seed: 11);
        var options = new CustomerSummaryOptions { Period = period, TimeUnit = unit };
        DateTimeOffset asOf = log.Start.AddDays(500);

        RfmPopulation fast = RfmPopulation.FromTransactions(log.AsColumns(), asOf, options, Clock);
        RfmPopulation reference = SummaryRoute(log.AsColumns(), asOf, options);

        fast.Count.Should().BeGreaterThan(1000);
        fast.PurchasePeriods.ToArray().Should().Contain(p => p > 3);
        ShouldBeIdentical(fast, reference);
    }

    [Fact]
    public void FromTransactions_ShuffledRowsAndScatteredCustomerPositions_EqualsSummaryRoute()
    {
        SimulatedTransactions log = Simulate(5000, seed: 5);
        (CustomerId[] customers, int[] index, DateTimeOffset[] at, decimal[] amounts) = Shuffle(log, seed: 3);
        var columns = new TransactionColumns(customers, index, at, amounts);
        DateTimeOffset asOf = log.Start.AddDays(400);

        RfmPopulation fast = RfmPopulation.FromTransactions(columns, asOf, timeProvider: Clock);
        RfmPopulation reference = SummaryRoute(columns, asOf, new CustomerSummaryOptions());

        ShouldBeIdentical(fast, reference);
    }

    [Theory]
    [InlineData(RfmTiePolicy.First, RfmMonetaryBasis.Total, 5)]
    [InlineData(RfmTiePolicy.First, RfmMonetaryBasis.Average, 4)]
    [InlineData(RfmTiePolicy.Shared, RfmMonetaryBasis.Total, 5)]
    [InlineData(RfmTiePolicy.Shared, RfmMonetaryBasis.Average, 7)]
    public void FitAndScore_Population_SameScoresAsSummaryRoute(RfmTiePolicy ties, RfmMonetaryBasis monetary, int bins)
    {
        SimulatedTransactions log = Simulate(4000, seed: 23);
        (CustomerId[] customers, int[] index, DateTimeOffset[] at, decimal[] amounts) = Shuffle(log, seed: 9);
        var columns = new TransactionColumns(customers, index, at, amounts);
        DateTimeOffset asOf = log.Start.AddDays(450);
        var strategy = new RfmStrategy(new RfmOptions { TiePolicy = ties, Monetary = monetary, Bins = bins });

        RfmPopulation population = RfmPopulation.FromTransactions(columns, asOf, timeProvider: Clock);
        RfmModel fast = strategy.Fit(population);
        var fastValues = new CustomerValue[population.Count];
        fast.Score(population, fastValues);

        CustomerSummaryTable table = new CustomerSummaryBuilder(null, Clock).Build(columns, asOf);
        RfmModel slow = strategy.Fit(table);
        var slowValues = new CustomerValue[table.Count];
        slow.Score(table, slowValues);

        fast.ToJson().Should().Be(slow.ToJson());
        fastValues.Should().Equal(slowValues);
        var cells = new RfmScore[population.Count];
        fast.ScoreCells(population, cells);
        cells.Should().Equal(slowValues.Select(v => v.Rfm!.Value));
        using var fastCsv = new StringWriter();
        using var slowCsv = new StringWriter();
        fast.WriteCsv(population, fastCsv);
        slow.WriteCsv(table, slowCsv);
        fastCsv.ToString().Should().Be(slowCsv.ToString());
    }

    [Fact]
    public void FromTransactions_RefundsZeroAmountsAndLaterRows_FollowTheSummaryRules()
    {
        CustomerId[] customers = [new("a"), new("b"), new("c"), new("d")];
        int[] index = [0, 1, 0, 2, 0, 3, 0, 1, 2];
        DateTimeOffset[] at =
        [
            Day0.AddDays(3), // a buys
            Day0.AddDays(1), // b: only a refund up to the as-of date, so b is left out
            Day0.AddDays(3).AddHours(5), // a again the same day: one period
            Day0.AddDays(2), // c: a zero amount counts as a purchase
            Day0.AddDays(1), // a: refund before the first purchase counts in the total
            Day0.AddDays(40), // d: only after the as-of date, left out
            Day0.AddDays(7), // a: third purchase day
            Day0.AddDays(35), // b: after the as-of date, ignored
            Day0.AddDays(40), // c: after the as-of date, ignored
        ];
        decimal[] amounts = [10.5m, -4m, 2.25m, 0m, -1.1m, 9m, 100m, 50m, 5m];
        var columns = new TransactionColumns(customers, index, at, amounts);
        DateTimeOffset asOf = Day0.AddDays(10);

        RfmPopulation population = RfmPopulation.FromTransactions(columns, asOf, timeProvider: Clock);

        population.CustomerIds.ToArray().Should().Equal(new CustomerId("a"), new CustomerId("c"));
        population.PurchasePeriods.ToArray().Should().Equal(2, 1);
        population.TotalSpend.ToArray().Should().Equal(10.5 + 2.25 - 1.1 + 100, 0.0);
        population.Recency.ToArray().Should().Equal(3.0, 8.0); // days from the last purchase day to the as-of day
        ShouldBeIdentical(population, SummaryRoute(columns, asOf, new CustomerSummaryOptions()));
    }

    [Theory]
    [InlineData(2000, PurchasePeriod.Day)] // day records are packed: periods before the calibration end in 21 bits
    [InlineData(5700, PurchasePeriod.Day)] // packed, with more than 2,000,000 days between the first row and the end
    [InlineData(5800, PurchasePeriod.Day)] // beyond the packed record's reach: the 16-byte record
    [InlineData(9000, PurchasePeriod.Week)]
    public void FromTransactions_RowsCenturiesBeforeTheCalibrationEnd_EqualsSummaryRoute(int calibrationYear, PurchasePeriod period)
    {
        var asOf = new DateTimeOffset(calibrationYear, 6, 30, 0, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(asOf.AddYears(1));
        CustomerId[] customers = [new("early"), new("late"), new("both")];
        int[] index = [0, 1, 2, 0, 2, 1, 2];
        DateTimeOffset[] at =
        [
            new(1, 1, 2, 0, 0, 0, TimeSpan.Zero),
            asOf.AddDays(-3),
            new(3, 3, 3, 0, 0, 0, TimeSpan.Zero),
            new(1, 1, 9, 0, 0, 0, TimeSpan.Zero),
            asOf,
            asOf.AddDays(-3).AddHours(2),
            asOf.AddDays(2), // after the calibration end: ignored
        ];
        decimal[] amounts = [1m, 2m, 3m, 4m, 5m, 6m, 7m];
        var columns = new TransactionColumns(customers, index, at, amounts);
        var options = new CustomerSummaryOptions { Period = period };

        RfmPopulation fast = RfmPopulation.FromTransactions(columns, asOf, options, clock);

        fast.Count.Should().Be(3);
        fast.PurchasePeriods.ToArray().Should().Equal(2, 1, 2);
        ShouldBeIdentical(fast, RfmPopulation.FromSummaries(new CustomerSummaryBuilder(options, clock).Build(columns, asOf)));
    }

    [Theory]
    [InlineData(300, PurchasePeriod.Day)]
    [InlineData(2_047, PurchasePeriod.Day)] // distinct days counted in a bitmap of up to 2,048 periods
    [InlineData(2_048, PurchasePeriod.Day)]
    [InlineData(2_049, PurchasePeriod.Day)] // one period more: each customer's keys grouped and compared
    [InlineData(5_000, PurchasePeriod.Day)]
    [InlineData(5_000, PurchasePeriod.Week)] // 715 weeks: the bitmap again
    public void FromTransactions_LogsSpanningAroundTheBitmapLimit_EqualsSummaryRoute(int days, PurchasePeriod period)
    {
        // 5,000 customers over three buckets of positions, each with 1 to 30 purchases on few distinct days (many
        // repeats), refunds, a row on the log's first and last day, and rows after the calibration end.
        var random = new Random(days);
        DateTimeOffset asOf = Day0.AddDays(days - 1);
        var clock = new FakeTimeProvider(asOf.AddDays(30));
        CustomerId[] customers = Enumerable.Range(0, 5_000).Select(c => new CustomerId($"B{random.Next():X8}-{c}")).ToArray();
        var index = new List<int>();
        var at = new List<DateTimeOffset>();
        var amounts = new List<decimal>();
        for (int c = 0; c < customers.Length; c++)
        {
            int[] daysOfCustomer = Enumerable.Range(0, random.Next(1, 6)).Select(_ => random.Next(0, days)).ToArray();
            int rows = random.Next(1, 31);
            for (int r = 0; r < rows; r++)
            {
                index.Add(c);
                at.Add(Day0.AddDays(daysOfCustomer[random.Next(daysOfCustomer.Length)]).AddMinutes(random.Next(0, 1440)));
                amounts.Add((random.Next(15) == 0 ? -1 : 1) * random.Next(1, 100_001) / 100m);
            }
        }

        index.AddRange([0, 1, 2]);
        at.AddRange([Day0, asOf, asOf.AddDays(3)]);
        amounts.AddRange([1m, 2m, 3m]);
        int[] order = Enumerable.Range(0, index.Count).ToArray();
        random.Shuffle(order);
        var columns = new TransactionColumns(customers, order.Select(i => index[i]).ToArray(), order.Select(i => at[i]).ToArray(), order.Select(i => amounts[i]).ToArray());
        var options = new CustomerSummaryOptions { Period = period };

        RfmPopulation fast = RfmPopulation.FromTransactions(columns, asOf, options, clock);

        fast.Count.Should().BeGreaterThan(4_000);
        fast.PurchasePeriods.ToArray().Should().Contain(p => p >= 3);
        ShouldBeIdentical(fast, RfmPopulation.FromSummaries(new CustomerSummaryBuilder(options, clock).Build(columns, asOf)));
    }

    [Fact]
    public void FromTransactions_TransactionPeriod_CountsEveryPurchaseRowEvenAtTheSameInstant()
    {
        // Dates without a time (as in a CSV with yyyy-MM-dd) put a day's rows at one instant; RFM frequency with the
        // transaction period still counts rows (issue 3: "frequency is the number of rows"), the refund excepted.
        CustomerId[] customers = [new("a")];
        int[] index = [0, 0, 0, 0, 0];
        DateTimeOffset[] at = [Day0, Day0, Day0, Day0.AddDays(1), Day0.AddDays(1)];
        decimal[] amounts = [1m, 2m, 3m, 4m, -1m];
        var options = new CustomerSummaryOptions { Period = PurchasePeriod.Transaction };
        var columns = new TransactionColumns(customers, index, at, amounts);

        RfmPopulation population = RfmPopulation.FromTransactions(columns, Day0.AddDays(5), options, Clock);

        population.PurchasePeriods.ToArray().Should().Equal(4);
        population.TotalSpend.ToArray().Should().Equal(9.0);
        CustomerSummaryTable summaries = new CustomerSummaryBuilder(options, Clock).Build(columns, Day0.AddDays(5));
        summaries.OrderCount.ToArray().Should().Equal(4);
        ShouldBeIdentical(population, RfmPopulation.FromSummaries(summaries, countTransactions: true));
    }

    [Fact]
    public void FromTransactions_TransactionPeriodWithOrderIds_CountsEachOrderOnce()
    {
        CustomerId[] customers = [new("a")];
        int[] index = [0, 0, 0];
        DateTimeOffset[] at = [Day0, Day0, Day0];
        decimal[] amounts = [5m, 5m, 6m];
        string?[] orders = ["o1", "o1", "o2"];
        var options = new CustomerSummaryOptions { Period = PurchasePeriod.Transaction };

        RfmPopulation population = RfmPopulation.FromTransactions(new TransactionColumns(customers, index, at, amounts, orders), Day0.AddDays(1), options, Clock);

        population.PurchasePeriods.ToArray().Should().Equal(2);
        population.TotalSpend.ToArray().Should().Equal(11.0);
    }

    [Fact]
    public void FromTransactions_AmountWithMoreThanTwoDecimals_TakesSummaryRouteWithSameResult()
    {
        SimulatedTransactions log = Simulate(500, seed: 2);
        decimal[] amounts = log.Amounts.ToArray();
        amounts[amounts.Length / 2] = 12.345m;
        amounts[0] = 20_000_000.5m; // beyond 2^31 hundredths as well
        var columns = new TransactionColumns(log.Customers, log.CustomerIndex, log.OccurredAt, amounts);
        DateTimeOffset asOf = log.Start.AddDays(300);

        RfmPopulation fast = RfmPopulation.FromTransactions(columns, asOf, new CustomerSummaryOptions { MaximumAmount = 100_000_000m }, Clock);

        ShouldBeIdentical(fast, SummaryRoute(columns, asOf, new CustomerSummaryOptions { MaximumAmount = 100_000_000m }));
    }

    [Fact]
    public void FromTransactions_WithOrderIds_DeduplicatesLikeTheSummaryRoute()
    {
        CustomerId[] customers = [new("a"), new("b")];
        int[] index = [0, 0, 1, 0];
        DateTimeOffset[] at = [Day0, Day0.AddDays(2), Day0.AddDays(1), Day0.AddDays(2)];
        decimal[] amounts = [5m, 7m, 3m, 7m];
        string?[] orders = ["o1", "o2", "o3", "o2"];
        var columns = new TransactionColumns(customers, index, at, amounts, orders);

        RfmPopulation population = RfmPopulation.FromTransactions(columns, Day0.AddDays(3), timeProvider: Clock);

        population.TotalSpend.ToArray().Should().Equal(12.0, 3.0);
        ShouldBeIdentical(population, SummaryRoute(columns, Day0.AddDays(3), new CustomerSummaryOptions()));
    }

    [Fact]
    public void FromTransactions_AmountRangeBeyond32BitHundredths_TakesSummaryRouteWithSameResult()
    {
        // Every accepted amount is above 2^31 hundredths: no row fits a packed record, so the summary route sums them.
        var options = new CustomerSummaryOptions { MinimumAmount = 25_000_000m, MaximumAmount = 90_000_000m };
        CustomerId[] customers = [new("a"), new("b")];
        int[] index = [0, 1, 0];
        DateTimeOffset[] at = [Day0, Day0.AddDays(1), Day0.AddDays(3)];
        decimal[] amounts = [30_000_000.5m, 26_000_000m, 89_999_999.99m];
        var columns = new TransactionColumns(customers, index, at, amounts);

        RfmPopulation population = RfmPopulation.FromTransactions(columns, Day0.AddDays(10), options, Clock);

        population.TotalSpend.ToArray().Should().Equal(120_000_000.49, 26_000_000.0);
        ShouldBeIdentical(population, SummaryRoute(columns, Day0.AddDays(10), options));
        decimal[] tooSmall = [30_000_000m, 1m, 30_000_000m];
        Action act = () => RfmPopulation.FromTransactions(new TransactionColumns(customers, index, at, tooSmall), Day0.AddDays(10), options, Clock);
        act.Should().Throw<InvalidTransactionException>().Which.TransactionIndex.Should().Be(1);
    }

    [Fact]
    public void FromTransactions_RowAtTheLatestAcceptedInstant_IsTaken_OneTickLaterThrowsLikeTheBuilder()
    {
        var clock = new FakeTimeProvider(Day0.AddDays(5));
        var options = new CustomerSummaryOptions { FutureTolerance = TimeSpan.FromMinutes(1) };
        DateTimeOffset latest = Day0.AddDays(5).AddMinutes(1);
        CustomerId[] customers = [new("a"), new("b")];
        int[] index = [0, 1];
        var columns = new TransactionColumns(customers, index, [Day0, latest], [1m, 2m]);

        RfmPopulation population = RfmPopulation.FromTransactions(columns, Day0.AddDays(6), options, clock);

        population.Count.Should().Be(2);
        ShouldBeIdentical(population, RfmPopulation.FromSummaries(new CustomerSummaryBuilder(options, clock).Build(columns, Day0.AddDays(6))));
        DateTimeOffset[] lateAt = [Day0, latest.AddTicks(1)];
        decimal[] amounts = [1m, 2m];
        Action fast = () => RfmPopulation.FromTransactions(new TransactionColumns(customers, index, lateAt, amounts), Day0.AddDays(6), options, clock);
        Action builder = () => new CustomerSummaryBuilder(options, clock).Build(new TransactionColumns(customers, index, lateAt, amounts), Day0.AddDays(6));
        string expected = builder.Should().Throw<InvalidTransactionException>().Which.Message;
        fast.Should().Throw<InvalidTransactionException>().Which.Message.Should().Be(expected);
    }

    [Fact]
    public void FromTransactions_AmountOutOfRange_ThrowsSameErrorAsSummaryBuilder()
    {
        CustomerId[] customers = [new("a"), new("b")];
        int[] index = [0, 1, 1];
        DateTimeOffset[] at = [Day0, Day0, Day0.AddDays(1)];
        decimal[] amounts = [5m, 2_000_000m, 3m];

        ShouldThrowLikeBuilder(customers, index, at, amounts, "Amount", 1);
    }

    [Fact]
    public void FromTransactions_FutureDatedRow_ThrowsSameErrorAsSummaryBuilder()
    {
        CustomerId[] customers = [new("a")];
        int[] index = [0, 0];
        DateTimeOffset[] at = [Day0, Clock.GetUtcNow().AddDays(1)];
        decimal[] amounts = [5m, 3m];

        ShouldThrowLikeBuilder(customers, index, at, amounts, "OccurredAt", 1);
    }

    [Fact]
    public void FromTransactions_CustomerIndexOutOfRange_ThrowsSameErrorAsSummaryBuilder()
    {
        CustomerId[] customers = [new("a")];
        int[] index = [0, 1];
        DateTimeOffset[] at = [Day0, Day0];
        decimal[] amounts = [5m, 3m];

        ShouldThrowLikeBuilder(customers, index, at, amounts, "CustomerId", 1);
    }

    [Fact]
    public void FromTransactions_EmptyCustomerId_ThrowsSameErrorAsSummaryBuilder()
    {
        CustomerId[] customers = [new("a"), default];
        int[] index = [0, 1];
        DateTimeOffset[] at = [Day0, Day0];
        decimal[] amounts = [5m, 3m];

        ShouldThrowLikeBuilder(customers, index, at, amounts, "CustomerId", 1);
    }

    [Fact]
    public void FromTransactions_DefaultCalibrationEnd_ThrowsNamingIt()
    {
        Action act = () => RfmPopulation.FromTransactions(new TransactionColumns([new("a")], [0], [Day0], [1m]), default, timeProvider: Clock);

        act.Should().Throw<ArgumentException>().WithParameterName("calibrationEnd");
    }

    [Fact]
    public void FromTransactions_InvalidOptions_ThrowsNamingTheOption()
    {
        Action act = () => RfmPopulation.FromTransactions(
            new TransactionColumns([new("a")], [0], [Day0], [1m]),
            Day0.AddDays(1),
            new CustomerSummaryOptions { MinimumAmount = 5m, MaximumAmount = 1m });

        act.Should().Throw<OptionsValidationException>().WithMessage("*MinimumAmount*");
    }

    [Fact]
    public void FromTransactions_EmptyLog_GivesEmptyPopulation()
    {
        RfmPopulation population = RfmPopulation.FromTransactions(new TransactionColumns([], [], [], []), Day0, timeProvider: Clock);

        population.Count.Should().Be(0);
        population.CustomerIds.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void FromSummaries_Null_Throws()
    {
        Action act = () => RfmPopulation.FromSummaries(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("summaries");
    }

    [Fact]
    public void FromSummaries_NoHistory_ThrowsNamingTheTable()
    {
        CustomerSummaryTable table = CustomerSummaryTable.FromSummaries([new CustomerSummary(new CustomerId("a"), TimeUnit.Day, 1, 2, 3, 4m)]);

        Action act = () => RfmPopulation.FromSummaries(table);

        act.Should().Throw<ArgumentException>().WithParameterName("summaries").WithMessage("*history*");
    }

    [Fact]
    public void Fit_NullPopulation_Throws()
    {
        Action act = () => new RfmStrategy().Fit((RfmPopulation)null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("population");
    }

    [Fact]
    public void Fit_EmptyPopulation_ThrowsArgumentException()
    {
        RfmPopulation empty = RfmPopulation.FromTransactions(new TransactionColumns([], [], [], []), Day0, timeProvider: Clock);

        Action act = () => new RfmStrategy().Fit(empty);

        act.Should().Throw<ArgumentException>().WithParameterName("population").WithMessage("*empty*");
    }

    [Fact]
    public void ScoreAndWriteCsv_BadArguments_Throw()
    {
        SimulatedTransactions log = Simulate(200, seed: 1);
        RfmPopulation population = RfmPopulation.FromTransactions(log.AsColumns(), log.Start.AddDays(200), timeProvider: Clock);
        RfmModel model = new RfmStrategy().Fit(population);
        RfmPopulation weekly = RfmPopulation.FromTransactions(log.AsColumns(), log.Start.AddDays(200), new CustomerSummaryOptions { TimeUnit = TimeUnit.Week }, Clock);
        RfmModel withoutHistory = new RfmStrategy().Fit(CustomerSummaryTable.FromSummaries([new CustomerSummary(new CustomerId("a"), TimeUnit.Day, 1, 2, 3, 4m)]));

        FluentActions.Invoking(() => model.Score((RfmPopulation)null!, new CustomerValue[1])).Should().Throw<ArgumentNullException>().WithParameterName("customers");
        FluentActions.Invoking(() => model.Score(population, new CustomerValue[population.Count - 1])).Should().Throw<ArgumentException>().WithParameterName("destination");
        FluentActions.Invoking(() => model.ScoreCells(population, new RfmScore[population.Count - 1])).Should().Throw<ArgumentException>().WithParameterName("destination");
        FluentActions.Invoking(() => model.Score(weekly, new CustomerValue[weekly.Count])).Should().Throw<ArgumentException>().WithParameterName("customers").WithMessage("*Week*Day*");
        FluentActions.Invoking(() => withoutHistory.ScoreCells(population, new RfmScore[population.Count])).Should().Throw<ArgumentException>().WithParameterName("customers").WithMessage("*history*");
        FluentActions.Invoking(() => model.WriteCsv(population, null!)).Should().Throw<ArgumentNullException>().WithParameterName("writer");
        FluentActions.Invoking(() => model.WriteCsv((RfmPopulation)null!, TextWriter.Null)).Should().Throw<ArgumentNullException>().WithParameterName("customers");
    }

    [Fact]
    public void CountDistinct_AnyKeys_EqualsHashSetCount()
    {
        Gen.Long[0, 40].Array[0, 150].Sample(keys =>
        {
            int expected = new HashSet<long>(keys).Count;
            RfmPopulationBuilder.CountDistinct(keys.ToArray()).Should().Be(expected);
        });
    }

    private static SimulatedTransactions Simulate(int customers, ulong seed) =>
        new TransactionSimulator(new TransactionSimulatorOptions
        {
            CustomerCount = customers,
            Seed = seed,
            Start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
            End = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero),
        }).Simulate();

    private static RfmPopulation SummaryRoute(TransactionColumns columns, DateTimeOffset asOf, CustomerSummaryOptions options) =>
        RfmPopulation.FromSummaries(new CustomerSummaryBuilder(options, Clock).Build(columns, asOf), countTransactions: options.Period == PurchasePeriod.Transaction);

    /// <summary>The log's rows in a random order, and its customers at random positions of a larger customer column.</summary>
    private static (CustomerId[] Customers, int[] Index, DateTimeOffset[] At, decimal[] Amounts) Shuffle(SimulatedTransactions log, int seed)
    {
        var random = new Random(seed);
        int n = log.Count;
        int[] order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        int[] position = Enumerable.Range(0, log.CustomerCount * 2).ToArray();
        random.Shuffle(position);
        var customers = new CustomerId[log.CustomerCount * 2];
        for (int c = 0; c < customers.Length; c++)
        {
            customers[c] = new CustomerId($"unused-{c}");
        }

        for (int c = 0; c < log.CustomerCount; c++)
        {
            customers[position[c]] = log.Customers[c];
        }

        var index = new int[n];
        var at = new DateTimeOffset[n];
        var amounts = new decimal[n];
        for (int i = 0; i < n; i++)
        {
            index[i] = position[log.CustomerIndex[order[i]]];
            at[i] = log.OccurredAt[order[i]];
            amounts[i] = log.Amounts[order[i]];
        }

        return (customers, index, at, amounts);
    }

    private static void ShouldBeIdentical(RfmPopulation actual, RfmPopulation expected)
    {
        actual.TimeUnit.Should().Be(expected.TimeUnit);
        actual.Count.Should().Be(expected.Count);
        actual.CustomerIds.ToArray().Should().Equal(expected.CustomerIds.ToArray());
        actual.PurchasePeriods.ToArray().Should().Equal(expected.PurchasePeriods.ToArray());
        Bits(actual.Recency).Should().Equal(Bits(expected.Recency));
        Bits(actual.TotalSpend).Should().Equal(Bits(expected.TotalSpend));
    }

    private static long[] Bits(ReadOnlySpan<double> values)
    {
        var bits = new long[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            // +0 and -0 are the same value for binning.
            bits[i] = values[i] == 0 ? 0 : BitConverter.DoubleToInt64Bits(values[i]);
        }

        return bits;
    }

    private static void ShouldThrowLikeBuilder(CustomerId[] customers, int[] index, DateTimeOffset[] at, decimal[] amounts, string field, long row)
    {
        var columns = new TransactionColumns(customers, index, at, amounts);
        InvalidTransactionException? expected = null;
        try
        {
            new CustomerSummaryBuilder(null, Clock).Build(columns, Day0.AddDays(10));
        }
        catch (InvalidTransactionException ex)
        {
            expected = ex;
        }

        expected.Should().NotBeNull();
        expected!.ParamName.Should().Be(field);
        expected.TransactionIndex.Should().Be(row);
        Action act = () => RfmPopulation.FromTransactions(new TransactionColumns(customers, index, at, amounts), Day0.AddDays(10), timeProvider: Clock);
        InvalidTransactionException actual = act.Should().Throw<InvalidTransactionException>().Which;
        actual.Message.Should().Be(expected.Message);
        actual.ParamName.Should().Be(expected.ParamName);
        actual.TransactionIndex.Should().Be(expected.TransactionIndex);
    }
}
