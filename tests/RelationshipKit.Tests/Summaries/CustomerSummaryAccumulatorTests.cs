using Microsoft.Extensions.Time.Testing;
using RelationshipKit.Summaries;
using static RelationshipKit.Tests.TestData.Tx;

namespace RelationshipKit.Tests.Summaries;

public sealed class CustomerSummaryAccumulatorTests
{
    private static readonly DateTimeOffset CalibrationEnd = Day(31);

    private static CustomerSummaryAccumulator Seeded(CustomerSummaryOptions? options = null, TimeProvider? clock = null)
    {
        var accumulator = new CustomerSummaryAccumulator(options, clock ?? new FakeTimeProvider(Now));
        accumulator.Add(Buy("a", 1, 10m, "o1")).Should().Be(AccumulationResult.Added);
        accumulator.Add(Buy("a", 4, 20m, "o2")).Should().Be(AccumulationResult.Added);
        accumulator.Add(Buy("b", 2, 5m)).Should().Be(AccumulationResult.Added);
        return accumulator;
    }

    /// <summary>Adds <paramref name="bad"/>, expects a rejection naming <paramref name="field"/>, and checks that nothing changed.</summary>
    private static void ShouldRejectAndKeepState(CustomerSummaryAccumulator accumulator, Transaction bad, string field)
    {
        int customers = accumulator.CustomerCount;
        List<CustomerSummary> before = accumulator.ToTable(CalibrationEnd, Day(60)).ToList();
        CustomerSummary? single = null;
        bool known = !bad.CustomerId.IsEmpty && accumulator.TryGetSummary(bad.CustomerId, CalibrationEnd, Day(60), out single);

        InvalidTransactionException ex = accumulator.Invoking(a => a.Add(bad)).Should().Throw<InvalidTransactionException>().Which;
        ex.ParamName.Should().Be(field);
        ex.FieldName.Should().Be(field);
        ex.TransactionIndex.Should().Be(-1, "an accumulator has no input position");

        accumulator.CustomerCount.Should().Be(customers);
        accumulator.ToTable(CalibrationEnd, Day(60)).Should().Equal(before);
        if (!bad.CustomerId.IsEmpty)
        {
            accumulator.TryGetSummary(bad.CustomerId, CalibrationEnd, Day(60), out CustomerSummary? after).Should().Be(known);
            after.Should().Be(single);
        }
    }

    // ---- bad input: one rule per test; nothing is stored ----

    [Fact]
    public void Add_DefaultCustomerId_ThrowsNamingCustomerIdAndStoresNothing() =>
        ShouldRejectAndKeepState(Seeded(), new Transaction(default, Day(5), 10m), nameof(Transaction.CustomerId));

    [Fact]
    public void Add_DefaultTimestamp_ThrowsNamingOccurredAtAndStoresNothing() =>
        ShouldRejectAndKeepState(Seeded(), new Transaction(Id("a"), default, 10m), nameof(Transaction.OccurredAt));

    [Fact]
    public void Add_AmountAboveMaximum_ThrowsNamingAmountAndStoresNothing() =>
        ShouldRejectAndKeepState(Seeded(new CustomerSummaryOptions { MaximumAmount = 100m }), Buy("a", 5, 100.01m), nameof(Transaction.Amount));

    [Fact]
    public void Add_AmountBelowMinimum_ThrowsNamingAmountAndStoresNothing() =>
        ShouldRejectAndKeepState(Seeded(new CustomerSummaryOptions { MinimumAmount = -5m }), Buy("a", 4, -5.01m), nameof(Transaction.Amount));

    [Fact]
    public void Add_RefundWhenMinimumIsZero_ThrowsNamingAmountAndStoresNothing() =>
        ShouldRejectAndKeepState(Seeded(new CustomerSummaryOptions { MinimumAmount = 0m }), Buy("new", 4, -1m), nameof(Transaction.Amount));

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Add_WhitespaceOrderId_ThrowsNamingOrderIdAndStoresNothing(string orderId) =>
        ShouldRejectAndKeepState(Seeded(), Buy("a", 6, 1m, orderId), nameof(Transaction.OrderId));

    [Fact]
    public void Add_FutureBeyondTolerance_ThrowsNamingOccurredAtAndStoresNothing()
    {
        var clock = new FakeTimeProvider(Day(20));
        ShouldRejectAndKeepState(
            Seeded(new CustomerSummaryOptions { FutureTolerance = TimeSpan.FromMinutes(10) }, clock),
            new Transaction(Id("c"), Day(20).AddMinutes(10).AddTicks(1), 1m),
            nameof(Transaction.OccurredAt));
    }

    [Fact]
    public void Add_FutureWithinTolerance_Accepted()
    {
        var clock = new FakeTimeProvider(Day(20));
        var accumulator = new CustomerSummaryAccumulator(new CustomerSummaryOptions { FutureTolerance = TimeSpan.FromMinutes(10) }, clock);
        accumulator.Add(new Transaction(Id("c"), Day(20).AddMinutes(10), 1m)).Should().Be(AccumulationResult.Added);
    }

    [Fact]
    public void Add_FutureTransaction_AcceptedOnceTheClockHasPassedIt()
    {
        var clock = new FakeTimeProvider(Day(1));
        var accumulator = new CustomerSummaryAccumulator(null, clock);
        Transaction t = Buy("a", 2, 1m);
        accumulator.Invoking(a => a.Add(t)).Should().Throw<InvalidTransactionException>();
        clock.Advance(TimeSpan.FromDays(2));
        accumulator.Add(t).Should().Be(AccumulationResult.Added);
    }

    [Fact]
    public void Add_OrderIdConflict_ThrowsNamingOrderIdAndStoresNothing()
    {
        CustomerSummaryAccumulator accumulator = Seeded();
        ShouldRejectAndKeepState(accumulator, Buy("a", 4, 21m, "o2"), nameof(Transaction.OrderId));
        ShouldRejectAndKeepState(accumulator, Buy("a", 5, 20m, "o2"), nameof(Transaction.OrderId));
    }

    // ---- replays ----

    [Fact]
    public void Add_IdenticalReplay_ReturnsDuplicateAndCountsOnce()
    {
        CustomerSummaryAccumulator accumulator = Seeded();
        accumulator.Add(Buy("a", 4, 20m, "o2")).Should().Be(AccumulationResult.Duplicate);
        accumulator.Add(new Transaction(Id("a"), Day(4, 12).ToOffset(TimeSpan.FromHours(-3)), 20m, "o2"))
            .Should().Be(AccumulationResult.Duplicate, "the same instant written with another offset is the same order");
        accumulator.TryGetSummary(Id("a"), CalibrationEnd, null, out CustomerSummary? s).Should().BeTrue();
        s!.Frequency.Should().Be(1);
        s.MonetaryValue.Should().Be(20m);
        s.History!.Value.OrderCount.Should().Be(2);
    }

    [Fact]
    public void Add_RefundReplay_ReturnsDuplicate_PartialRefundsAdded()
    {
        CustomerSummaryAccumulator accumulator = Seeded();
        accumulator.Add(Buy("a", 4, -5m, "o2", hours: 15)).Should().Be(AccumulationResult.Added);
        accumulator.Add(Buy("a", 4, -3m, "o2", hours: 15)).Should().Be(AccumulationResult.Added, "a second partial refund of the same order");
        accumulator.Add(Buy("a", 4, -5m, "o2", hours: 15)).Should().Be(AccumulationResult.Duplicate);
        accumulator.TryGetSummary(Id("a"), CalibrationEnd, null, out CustomerSummary? s).Should().BeTrue();
        s!.MonetaryValue.Should().Be(12m);
    }

    [Fact]
    public void Add_SameTransactionWithoutOrderId_CountsTwice()
    {
        CustomerSummaryAccumulator accumulator = Seeded();
        accumulator.Add(Buy("b", 2, 5m)).Should().Be(AccumulationResult.Added);
        accumulator.ToTable(CalibrationEnd, null).Single(s => s.CustomerId == Id("b")).History!.Value.TotalSpend.Should().Be(10m);
    }

    // ---- refunds and order ----

    [Fact]
    public void Add_RefundOnlyCustomer_CountedButHasNoSummary()
    {
        var accumulator = new CustomerSummaryAccumulator(null, new FakeTimeProvider(Now));
        accumulator.Add(Buy("r", 3, -10m)).Should().Be(AccumulationResult.Added);
        accumulator.CustomerCount.Should().Be(1, "the customer has an accepted transaction");
        accumulator.TryGetSummary(Id("r"), CalibrationEnd, null, out CustomerSummary? summary).Should().BeFalse();
        summary.Should().BeNull();
        accumulator.ToTable(CalibrationEnd, null).Count.Should().Be(0);
    }

    [Fact]
    public void Add_RefundInLaterPeriod_NeverAPurchaseNorNegativeFrequency()
    {
        var accumulator = new CustomerSummaryAccumulator(null, new FakeTimeProvider(Now));
        accumulator.Add(Buy("a", 9, -100m));
        accumulator.Add(Buy("a", 1, 10m));
        accumulator.Add(Buy("a", 1, -50m));
        accumulator.TryGetSummary(Id("a"), CalibrationEnd, null, out CustomerSummary? s).Should().BeTrue();
        s!.Frequency.Should().Be(0);
        s.Recency.Should().Be(0);
        s.MonetaryValue.Should().Be(0m);
        s.History!.Value.TotalSpend.Should().Be(-140m);
        s.History!.Value.LastPurchase.Should().Be(Day(1, 12));
    }

    [Fact]
    public void Add_LateArrivalsForEarlierPeriods_GiveTheBatchResult()
    {
        Transaction[] log = [Buy("a", 20, 1m), Buy("a", 5, 2m), Buy("a", 12, 3m), Buy("a", 1, 4m), Buy("a", 12, 5m, hours: 3), Buy("a", 25, 6m), Buy("a", 3, 7m)];
        var accumulator = new CustomerSummaryAccumulator(null, new FakeTimeProvider(Now));
        foreach (Transaction t in log)
        {
            accumulator.Add(t);
        }

        CustomerSummary expected = new CustomerSummaryBuilder(null, new FakeTimeProvider(Now)).Build(log, CalibrationEnd, Day(50)).Single();
        accumulator.TryGetSummary(Id("a"), CalibrationEnd, Day(50), out CustomerSummary? actual).Should().BeTrue();
        actual.Should().Be(expected);
        expected.Frequency.Should().Be(5);
        expected.MonetaryValue.Should().Be(4.8m, "(7 + 2 + 8 + 1 + 6) / 5");
    }

    [Fact]
    public void Add_ConcurrentWriters_GiveTheBatchResult()
    {
        Transaction[] log = Enumerable.Range(0, 2_000)
            .Select(i => new Transaction(Id("c" + (i % 37)), Day(1 + (i * 7 % 28), hours: i % 24), (i % 11) - 2m, i % 5 == 0 ? "o" + i : null))
            .ToArray();
        var accumulator = new CustomerSummaryAccumulator(null, new FakeTimeProvider(Now));
        Parallel.ForEach(log, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t => accumulator.Add(t));

        CustomerSummaryTable batch = new CustomerSummaryBuilder(null, new FakeTimeProvider(Now)).Build(log, CalibrationEnd);
        accumulator.ToTable(CalibrationEnd, null).OrderBy(s => s.CustomerId).Should().Equal(batch.OrderBy(s => s.CustomerId));
    }

    // ---- reading ----

    [Fact]
    public void ToTable_CustomersInFirstAcceptedOrder_LeavesOutThoseWithoutCalibrationPurchase()
    {
        var accumulator = new CustomerSummaryAccumulator(null, new FakeTimeProvider(Now));
        accumulator.Add(Buy("z", 3, 1m));
        accumulator.Add(Buy("late", 40, 1m));
        accumulator.Add(Buy("a", 1, 1m));
        accumulator.Add(Buy("z", 1, 1m));
        accumulator.CustomerCount.Should().Be(3);
        accumulator.TimeUnit.Should().Be(TimeUnit.Day);
        accumulator.ToTable(CalibrationEnd, null).CustomerIds.ToArray().Should().Equal(Id("z"), Id("a"));
        accumulator.ToTable(Day(41), null).CustomerIds.ToArray().Should().Equal(Id("z"), Id("late"), Id("a"));
    }

    [Fact]
    public void TryGetSummary_UnknownCustomer_ReturnsFalse()
    {
        Seeded().TryGetSummary(Id("nobody"), CalibrationEnd, null, out CustomerSummary? summary).Should().BeFalse();
        summary.Should().BeNull();
    }

    [Fact]
    public void TryGetSummary_PurchasesOnlyAfterCalibrationEnd_ReturnsFalse()
    {
        CustomerSummaryAccumulator accumulator = Seeded();
        accumulator.TryGetSummary(Id("a"), Day(1).AddTicks(-1), null, out _).Should().BeFalse();
        accumulator.TryGetSummary(Id("a"), Day(1), null, out CustomerSummary? s).Should().BeTrue();
        s!.Frequency.Should().Be(0);
    }

    [Fact]
    public void TryGetSummary_WithObservationEnd_HasHoldout()
    {
        CustomerSummaryAccumulator accumulator = Seeded(new CustomerSummaryOptions { TimeUnit = TimeUnit.Week });
        accumulator.Add(Buy("a", 20, 8m));
        accumulator.TryGetSummary(Id("a"), Day(3), Day(17), out CustomerSummary? s).Should().BeTrue();
        s!.Frequency.Should().Be(0);
        s.Holdout.Should().Be(new HoldoutSummary(1, 20m, 2d));
    }

    [Fact]
    public void ToTable_DefaultCalibrationEnd_ThrowsNamingCalibrationEnd() =>
        Seeded().Invoking(a => a.ToTable(default, null)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("calibrationEnd");

    [Fact]
    public void TryGetSummary_DefaultCalibrationEnd_ThrowsNamingCalibrationEnd() =>
        Seeded().Invoking(a => a.TryGetSummary(Id("a"), default, null, out _)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("calibrationEnd");

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(23)]
    public void ToTable_ObservationEndNotAfterCalibrationEnd_ThrowsNamingObservationEnd(double hoursAfter) =>
        Seeded().Invoking(a => a.ToTable(Day(10), Day(10).AddHours(hoursAfter))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("observationEnd");

    [Fact]
    public void TryGetSummary_ObservationEndNotAfterCalibrationEnd_ThrowsNamingObservationEnd() =>
        Seeded().Invoking(a => a.TryGetSummary(Id("a"), Day(10), Day(9), out _)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("observationEnd");

    [Fact]
    public void Constructor_Options_AreCopied()
    {
        var options = new CustomerSummaryOptions { MaximumAmount = 10m, TimeUnit = TimeUnit.Week };
        var accumulator = new CustomerSummaryAccumulator(options, new FakeTimeProvider(Now));
        options.MaximumAmount = 1_000m;
        options.TimeUnit = TimeUnit.Day;
        accumulator.TimeUnit.Should().Be(TimeUnit.Week);
        accumulator.Invoking(a => a.Add(Buy("a", 1, 11m))).Should().Throw<InvalidTransactionException>();
    }
}
