using Microsoft.Extensions.Time.Testing;
using RelationshipKit.Summaries;
using RelationshipKit.Tests.TestData;
using static RelationshipKit.Tests.TestData.Tx;

namespace RelationshipKit.Tests.Summaries;

public sealed class CustomerSummaryBuilderTests
{
    private static readonly DateTimeOffset CalibrationEnd = Day(31);

    private static CustomerSummaryTable Build(SummaryPath path, IReadOnlyList<Transaction> log, CustomerSummaryOptions? options = null, TimeProvider? clock = null, DateTimeOffset? calibrationEnd = null, DateTimeOffset? observationEnd = null) =>
        SummaryRunner.Summarize(path, log, options ?? new CustomerSummaryOptions(), clock ?? new FakeTimeProvider(Now), calibrationEnd ?? CalibrationEnd, observationEnd);

    private static InvalidTransactionException Rejected(SummaryPath path, IReadOnlyList<Transaction> log, CustomerSummaryOptions? options = null, TimeProvider? clock = null)
    {
        Action act = () => Build(path, log, options, clock);
        return act.Should().Throw<InvalidTransactionException>().Which;
    }

    private static void ShouldName(InvalidTransactionException ex, string field, long index)
    {
        ex.ParamName.Should().Be(field);
        ex.FieldName.Should().Be(field);
        ex.TransactionIndex.Should().Be(index);
        ex.Message.Should().Contain($"Transaction {index}");
    }

    // ---- bad input: one rule per test, through the sequence and the column overloads ----

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_DefaultCustomerId_ThrowsNamingCustomerId(SummaryPath path)
    {
        InvalidTransactionException ex = Rejected(path, [Buy("a", 1, 10m), Buy("b", 2, 10m), new Transaction(default, Day(3), 10m)]);
        ShouldName(ex, nameof(Transaction.CustomerId), 2);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_DefaultTimestamp_ThrowsNamingOccurredAt(SummaryPath path)
    {
        InvalidTransactionException ex = Rejected(path, [Buy("a", 1, 10m), Buy("b", 2, 10m), new Transaction(Id("c"), default, 10m)]);
        ShouldName(ex, nameof(Transaction.OccurredAt), 2);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_AmountAboveMaximum_ThrowsNamingAmount(SummaryPath path)
    {
        var options = new CustomerSummaryOptions { MaximumAmount = 100m };
        Build(path, [Buy("a", 1, 100m)], options).Count.Should().Be(1, "the maximum itself is accepted");
        InvalidTransactionException ex = Rejected(path, [Buy("a", 1, 10m), Buy("b", 2, 100.01m)], options);
        ShouldName(ex, nameof(Transaction.Amount), 1);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_AmountAboveDefaultMaximum_ThrowsNamingAmount(SummaryPath path)
    {
        InvalidTransactionException ex = Rejected(path, [Buy("a", 1, 1_000_000.01m)]);
        ShouldName(ex, nameof(Transaction.Amount), 0);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_AmountBelowMinimum_ThrowsNamingAmount(SummaryPath path)
    {
        var options = new CustomerSummaryOptions { MinimumAmount = -50m };
        Build(path, [Buy("a", 1, 60m), Buy("a", 1, -50m)], options).Count.Should().Be(1, "the minimum itself is accepted");
        InvalidTransactionException ex = Rejected(path, [Buy("a", 1, 10m), Buy("a", 2, 10m), Buy("a", 3, 10m), Buy("a", 3, -50.01m)], options);
        ShouldName(ex, nameof(Transaction.Amount), 3);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_RefundWhenMinimumIsZero_ThrowsNamingAmount(SummaryPath path)
    {
        var options = new CustomerSummaryOptions { MinimumAmount = 0m };
        Build(path, [Buy("a", 1, 0m)], options).Count.Should().Be(1, "a zero amount is still accepted");
        InvalidTransactionException ex = Rejected(path, [Buy("a", 1, 10m), Buy("a", 2, -0.01m)], options);
        ShouldName(ex, nameof(Transaction.Amount), 1);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence, "")]
    [InlineData(SummaryPath.Sequence, "   ")]
    [InlineData(SummaryPath.Columns, "\t")]
    public void Build_WhitespaceOrderId_ThrowsNamingOrderId(SummaryPath path, string orderId)
    {
        InvalidTransactionException ex = Rejected(path, [Buy("a", 1, 10m, "o1"), Buy("a", 2, 10m, orderId)]);
        ShouldName(ex, nameof(Transaction.OrderId), 1);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_FutureBeyondTolerance_ThrowsNamingOccurredAt(SummaryPath path)
    {
        var clock = new FakeTimeProvider(Day(20));
        var options = new CustomerSummaryOptions { FutureTolerance = TimeSpan.FromMinutes(5) };
        DateTimeOffset tooLate = Day(20).AddMinutes(5).AddTicks(1).ToOffset(TimeSpan.FromHours(3));
        InvalidTransactionException ex = Rejected(path, [Buy("a", 1, 10m), new Transaction(Id("a"), tooLate, 10m)], options, clock);
        ShouldName(ex, nameof(Transaction.OccurredAt), 1);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_FutureWithinTolerance_Accepted(SummaryPath path)
    {
        var clock = new FakeTimeProvider(Day(20));
        var options = new CustomerSummaryOptions { FutureTolerance = TimeSpan.FromMinutes(5) };
        DateTimeOffset edge = Day(20).AddMinutes(5).ToOffset(TimeSpan.FromHours(-7));
        CustomerSummaryTable table = Build(path, [Buy("a", 1, 10m), new Transaction(Id("a"), edge, 7m)], options, clock);
        table[0].Frequency.Should().Be(1);
        table[0].MonetaryValue.Should().Be(7m);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_FutureWithZeroTolerance_RejectsOneTickAfterNow(SummaryPath path)
    {
        var clock = new FakeTimeProvider(Day(20));
        var options = new CustomerSummaryOptions { FutureTolerance = TimeSpan.Zero };
        Build(path, [new Transaction(Id("a"), Day(20), 1m)], options, clock).Count.Should().Be(1, "'now' itself is not in the future");
        ShouldName(Rejected(path, [new Transaction(Id("a"), Day(20).AddTicks(1), 1m)], options, clock), nameof(Transaction.OccurredAt), 0);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Accumulator)]
    public void Build_MaximumFutureTolerance_AcceptsAnyDateWithoutOverflow(SummaryPath path)
    {
        var options = new CustomerSummaryOptions { FutureTolerance = TimeSpan.MaxValue };
        DateTimeOffset farFuture = new(9999, 12, 30, 0, 0, 0, TimeSpan.Zero);
        CustomerSummaryTable table = Build(path, [Buy("a", 1, 1m), new Transaction(Id("a"), farFuture, 2m)], options, calibrationEnd: farFuture);
        table[0].Frequency.Should().Be(1);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void BuildColumns_CustomerIndexOutOfRange_ThrowsNamingCustomerId(int badIndex)
    {
        CustomerId[] customers = [Id("a"), Id("b")];
        int[] index = [0, 1, badIndex];
        DateTimeOffset[] times = [Day(1), Day(2), Day(3)];
        decimal[] amounts = [1m, 2m, 3m];
        var builder = new CustomerSummaryBuilder(null, new FakeTimeProvider(Now));
        InvalidTransactionException ex = null!;
        try
        {
            builder.Build(new TransactionColumns(customers, index, times, amounts), CalibrationEnd);
        }
        catch (InvalidTransactionException e)
        {
            ex = e;
        }

        ex.Should().NotBeNull();
        ShouldName(ex, nameof(Transaction.CustomerId), 2);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_FirstBadRowInInput_IsTheOneReported(SummaryPath path)
    {
        // Row 1 is dated later than row 3 but comes first in the input.
        InvalidTransactionException ex = Rejected(path, [Buy("a", 1, 10m), Buy("b", 9, 5_000_000m), Buy("c", 2, 10m), new Transaction(Id("c"), default, 1m)]);
        ShouldName(ex, nameof(Transaction.Amount), 1);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_OrderIdConflictingAmount_ThrowsNamingOrderIdAtLaterRow(SummaryPath path)
    {
        // The conflicting copy (row 2) is dated before the original (row 0): the later row in the input is reported.
        InvalidTransactionException ex = Rejected(path, [Buy("a", 5, 10m, "o1"), Buy("a", 6, 3m, "o2"), Buy("a", 3, 11m, "o1")]);
        ShouldName(ex, nameof(Transaction.OrderId), 2);
        ex.Message.Should().Contain("o1");
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_OrderIdConflictingTimestampSamePeriod_ThrowsNamingOrderId(SummaryPath path)
    {
        InvalidTransactionException ex = Rejected(path, [Buy("a", 5, 10m, "o1", hours: 9), Buy("b", 5, 10m, "o1"), Buy("a", 5, 10m, "o1", hours: 10)]);
        ShouldName(ex, nameof(Transaction.OrderId), 2);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_SameOrderIdForDifferentCustomers_BothCount(SummaryPath path)
    {
        CustomerSummaryTable table = Build(path, [Buy("a", 1, 10m, "o1"), Buy("b", 2, 20m, "o1")]);
        table.Count.Should().Be(2);
        table.OrderCount.ToArray().Should().Equal(1, 1);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_IdenticalReplay_CountedOnce(SummaryPath path)
    {
        Transaction first = Buy("a", 1, 10m, "o1");
        Transaction repeat = Buy("a", 4, 25m, "o2");
        CustomerSummaryTable table = Build(path, [first, repeat, repeat, first, new Transaction(repeat.CustomerId, repeat.OccurredAt.ToOffset(TimeSpan.FromHours(5)), repeat.Amount, repeat.OrderId)]);
        table[0].Frequency.Should().Be(1);
        table[0].MonetaryValue.Should().Be(25m, "the replayed order is counted once, not 75");
        table.OrderCount[0].Should().Be(2);
        table.TotalSpend[0].Should().Be(35m);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_PurchasesWithoutOrderId_AllCount(SummaryPath path)
    {
        CustomerSummaryTable table = Build(path, [Buy("a", 1, 10m), Buy("a", 4, 25m), Buy("a", 4, 25m)]);
        table[0].MonetaryValue.Should().Be(50m, "without an order id two equal purchases are two purchases");
        table.OrderCount[0].Should().Be(3);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_RefundReplaysAndPartialRefunds_FollowOrderIdRules(SummaryPath path)
    {
        CustomerSummaryTable table = Build(path,
        [
            Buy("a", 1, 10m, "o1"),
            Buy("a", 4, 100m, "o2"),
            Buy("a", 4, -30m, "o2", hours: 15), // partial refund of o2
            Buy("a", 4, -20m, "o2", hours: 15), // a second partial refund, same time, other amount
            Buy("a", 4, -30m, "o2", hours: 15), // replay of the first refund
        ]);
        table[0].Frequency.Should().Be(1);
        table[0].MonetaryValue.Should().Be(50m);
        table.TotalSpend[0].Should().Be(60m);
        table.OrderCount[0].Should().Be(2, "refunds are not orders");
    }

    // ---- refund rules ----

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_Refund_ReducesSpendOfItsPeriod(SummaryPath path)
    {
        CustomerSummaryTable table = Build(path, [Buy("a", 1, 40m), Buy("a", 3, 30m), Buy("a", 3, -10m, hours: 18), Buy("a", 5, 50m)]);
        table[0].Frequency.Should().Be(2);
        table[0].MonetaryValue.Should().Be(35m, "(30 - 10 + 50) / 2");
        table.TotalSpend[0].Should().Be(110m);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_RefundOnlyPeriod_IsNeverAPurchase(SummaryPath path)
    {
        CustomerSummaryTable table = Build(path, [Buy("a", 1, 40m), Buy("a", 6, -15m), Buy("a", 3, 30m)]);
        table[0].Frequency.Should().Be(1, "day 6 has only a refund");
        table[0].Recency.Should().Be(2, "the last purchase is day 3, not the refund on day 6");
        table[0].MonetaryValue.Should().Be(30m, "a refund in a period without purchase changes total spend only");
        table.TotalSpend[0].Should().Be(55m);
        table.LastPurchase[0].Should().Be(Day(3, 12));
        table.OrderCount[0].Should().Be(2);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_RefundOnlyCustomer_IsLeftOut(SummaryPath path)
    {
        CustomerSummaryTable table = Build(path, [Buy("r", 1, -5m), Buy("a", 2, 5m), Buy("r", 3, -7m)]);
        table.CustomerIds.ToArray().Should().Equal(Id("a"));
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_RefundsExceedingPurchases_NeverNegativeFrequency(SummaryPath path)
    {
        CustomerSummaryTable table = Build(path, [Buy("a", 1, 10m), Buy("a", 1, -500m), Buy("a", 2, 5m), Buy("a", 2, -100m), Buy("a", 3, -1000m)]);
        table[0].Frequency.Should().Be(1);
        table[0].MonetaryValue.Should().Be(-95m, "a period whose refunds exceed its purchases keeps its negative spend");
        table.TotalSpend[0].Should().Be(-1585m);
        table.OrderCount[0].Should().Be(2);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_ZeroAmount_IsAPurchase(SummaryPath path)
    {
        CustomerSummaryTable table = Build(path, [Buy("a", 1, 0m), Buy("a", 8, 0m)]);
        table[0].Frequency.Should().Be(1);
        table[0].Recency.Should().Be(7);
        table[0].MonetaryValue.Should().Be(0m);
    }

    // ---- definitions ----

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_UnsortedInput_SameAsSorted(SummaryPath path)
    {
        Transaction[] sorted = [Buy("a", 1, 10m), Buy("b", 2, 4m), Buy("a", 3, 20m), Buy("a", 3, 5m, hours: 20), Buy("b", 9, 8m), Buy("a", 12, 30m)];
        Transaction[] unsorted = [sorted[5], sorted[3], sorted[0], sorted[4], sorted[2], sorted[1]];
        CustomerSummaryTable expected = Build(path, sorted);
        CustomerSummaryTable actual = Build(path, unsorted);
        actual.OrderBy(s => s.CustomerId).Should().Equal(expected.OrderBy(s => s.CustomerId));
        actual.Single(s => s.CustomerId == Id("a")).MonetaryValue.Should().Be(27.5m);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_HandComputedExample_GivesFaderHardieLeeFigures(SummaryPath path)
    {
        // Purchases on days 2, 2, 5 and 9; calibration end day 31 (period Day, unit Day).
        CustomerSummaryTable table = Build(path, [Buy("a", 9, 40m), Buy("a", 2, 10m, hours: 8), Buy("a", 5, 30m), Buy("a", 2, 15m, hours: 22)]);
        CustomerSummary s = table[0];
        s.Frequency.Should().Be(2);
        s.Recency.Should().Be(7);
        s.T.Should().Be(29);
        s.MonetaryValue.Should().Be(35m);
        s.TimeUnit.Should().Be(TimeUnit.Day);
        s.History.Should().Be(new PurchaseHistory(Day(2, 8), Day(9, 12), 4, 95m));
        s.Holdout.Should().BeNull();
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_WeekPeriod_MergesIsoWeeks(SummaryPath path)
    {
        // 2024-01-01 is a Monday: days 1-7 are one ISO week, day 8 starts the next.
        var options = new CustomerSummaryOptions { Period = PurchasePeriod.Week, TimeUnit = TimeUnit.Week };
        CustomerSummaryTable table = Build(path, [Buy("a", 3, 10m), Buy("a", 7, 20m, hours: 23), Buy("a", 8, 30m, hours: 0), Buy("a", 17, 5m)], options);
        table[0].Frequency.Should().Be(2);
        table[0].Recency.Should().Be(2, "from the week of day 3 to the week of day 17");
        table[0].T.Should().Be(4, "calibration end day 31 is in the fifth week");
        table[0].MonetaryValue.Should().Be(17.5m);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_TransactionPeriod_NoMerging(SummaryPath path)
    {
        var options = new CustomerSummaryOptions { Period = PurchasePeriod.Transaction, TimeUnit = TimeUnit.Day };
        CustomerSummaryTable table = Build(path, [Buy("a", 1, 10m, hours: 6), Buy("a", 1, 20m, hours: 18), Buy("a", 2, 30m, hours: 6)], options, calibrationEnd: Day(3));
        table[0].Frequency.Should().Be(2);
        table[0].Recency.Should().Be(1);
        table[0].T.Should().Be(1.75);
        table[0].MonetaryValue.Should().Be(25m);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence, TimeUnit.Day, 29d)]
    [InlineData(SummaryPath.Sequence, TimeUnit.Week, 29d / 7)]
    [InlineData(SummaryPath.Columns, TimeUnit.Month, 29d / (365.25 / 12))]
    [InlineData(SummaryPath.Columns, TimeUnit.Year, 29d / 365.25)]
    public void Build_TimeUnit_ScalesDurations(SummaryPath path, TimeUnit unit, double expectedT)
    {
        CustomerSummaryTable table = Build(path, [Buy("a", 2, 10m)], new CustomerSummaryOptions { TimeUnit = unit });
        table.TimeUnit.Should().Be(unit);
        table[0].T.Should().BeApproximately(expectedT, 1e-12);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_TimeZone_DaysFollowTheZoneCalendar(SummaryPath path)
    {
        // 22:30 and 23:30 UTC on 2024-07-01 are 00:30 and 01:30 on 2024-07-02 in Berlin (UTC+2 in summer).
        var late = new DateTimeOffset(2024, 7, 1, 22, 30, 0, TimeSpan.Zero);
        Transaction[] log = [new(Id("a"), new DateTimeOffset(2024, 7, 1, 9, 0, 0, TimeSpan.Zero), 10m), new(Id("a"), late, 20m), new(Id("a"), late.AddHours(1), 5m)];
        DateTimeOffset calibrationEnd = new(2024, 7, 10, 0, 0, 0, TimeSpan.Zero);

        CustomerSummaryTable utc = Build(path, log, calibrationEnd: calibrationEnd);
        utc[0].Frequency.Should().Be(0, "in UTC all three are on July 1");

        CustomerSummaryTable berlin = Build(path, log, new CustomerSummaryOptions { TimeZoneId = "Europe/Berlin" }, calibrationEnd: calibrationEnd);
        berlin[0].Frequency.Should().Be(1, "in Berlin the last two are on July 2");
        berlin[0].Recency.Should().Be(1);
        berlin[0].T.Should().Be(9, "from Berlin's July 1 to July 10 (the calibration end is 02:00 on July 10 there)");
        berlin[0].MonetaryValue.Should().Be(25m);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_TimeZoneAcrossDst_CountsCalendarDays(SummaryPath path)
    {
        // Berlin moves to summer time on 2024-03-31: local midnight to midnight is 23 hours, still one day.
        var options = new CustomerSummaryOptions { TimeZoneId = "Europe/Berlin" };
        Transaction[] log = [new(Id("a"), new DateTimeOffset(2024, 3, 30, 12, 0, 0, TimeSpan.FromHours(1)), 10m), new(Id("a"), new DateTimeOffset(2024, 4, 1, 12, 0, 0, TimeSpan.FromHours(2)), 10m)];
        CustomerSummaryTable table = Build(path, log, options, calibrationEnd: new DateTimeOffset(2024, 4, 3, 0, 0, 0, TimeSpan.FromHours(2)));
        table[0].Recency.Should().Be(2);
        table[0].T.Should().Be(4);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_CalibrationEnd_IncludesItsWholePeriodAndExcludesLaterPurchases(SummaryPath path)
    {
        CustomerSummaryTable table = Build(
            path,
            [Buy("a", 1, 10m), Buy("a", 31, 20m, hours: 23.9), Buy("a", 32, 99m, hours: 0), Buy("late", 40, 5m), Buy("b", 2, 1m)],
            calibrationEnd: Day(31));
        table.CustomerIds.ToArray().Should().Equal(Id("a"), Id("b"));
        table[0].Frequency.Should().Be(1);
        table[0].MonetaryValue.Should().Be(20m);
        table.TotalSpend[0].Should().Be(30m);
        table[0].T.Should().Be(30);
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_CustomersInFirstSeenOrder(SummaryPath path)
    {
        CustomerSummaryTable table = Build(path, [Buy("z", 5, 1m), Buy("a", 1, 1m), Buy("m", 3, 1m), Buy("a", 2, 1m), Buy("Z", 9, 1m)]);
        table.CustomerIds.ToArray().Should().Equal(Id("z"), Id("a"), Id("m"), Id("Z"));
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_EqualInstantsWithDifferentOffsets_TieBreakIndependentOfOrder(SummaryPath path)
    {
        DateTimeOffset instant = Day(3, 12);
        Transaction east = new(Id("a"), instant.ToOffset(TimeSpan.FromHours(9)), 1m, "e");
        Transaction west = new(Id("a"), instant.ToOffset(TimeSpan.FromHours(-9)), 1m, "w");
        foreach (Transaction[] log in new[] { new[] { east, west }, new[] { west, east } })
        {
            PurchaseHistory h = Build(path, log).Single().History!.Value;
            h.FirstPurchase.Offset.Should().Be(TimeSpan.FromHours(-9));
            h.LastPurchase.Offset.Should().Be(TimeSpan.FromHours(9));
        }
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_EmptyLog_GivesEmptyTable(SummaryPath path)
    {
        CustomerSummaryTable table = Build(path, []);
        table.Count.Should().Be(0);
        table.CustomerIds.IsEmpty.Should().BeTrue();
    }

    // ---- holdout ----

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_ObservationEnd_AddsHoldoutFigures(SummaryPath path)
    {
        CustomerSummaryTable table = Build(
            path,
            [Buy("a", 1, 10m), Buy("a", 11, 20m), Buy("a", 12, 40m), Buy("a", 12, -10m), Buy("a", 13, -5m), Buy("a", 25, 1000m), Buy("b", 12, 5m)],
            calibrationEnd: Day(10),
            observationEnd: Day(20));
        table.HasHoldout.Should().BeTrue();
        table.CustomerIds.ToArray().Should().Equal([Id("a")], "b's first purchase is after the calibration end");
        table[0].Holdout.Should().Be(new HoldoutSummary(2, 25m, 10d));
        table[0].History!.Value.TotalSpend.Should().Be(10m, "history covers the calibration period only");
    }

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_NoHoldoutPurchase_GivesZeroHoldoutFigures(SummaryPath path)
    {
        CustomerSummaryTable table = Build(path, [Buy("a", 1, 10m)], new CustomerSummaryOptions { TimeUnit = TimeUnit.Week }, calibrationEnd: Day(10), observationEnd: Day(24));
        table[0].Holdout.Should().Be(new HoldoutSummary(0, 0m, 2d));
    }

    // ---- window arguments ----

    [Theory]
    [InlineData(SummaryPath.Sequence)]
    [InlineData(SummaryPath.Columns)]
    public void Build_DefaultCalibrationEnd_ThrowsNamingCalibrationEnd(SummaryPath path)
    {
        Action act = () => Build(path, [Buy("a", 1, 1m)], calibrationEnd: default(DateTimeOffset));
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("calibrationEnd");
    }

    [Fact]
    public void Build_DefaultCalibrationEndWithoutObservationOverloads_ThrowNamingCalibrationEnd()
    {
        var builder = new CustomerSummaryBuilder(null, new FakeTimeProvider(Now));
        builder.Invoking(b => b.Build([Buy("a", 1, 1m)], default)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("calibrationEnd");
        builder.Invoking(b => b.Build(default(TransactionColumns), default)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("calibrationEnd");
    }

    [Theory]
    [InlineData(SummaryPath.Sequence, 0)]
    [InlineData(SummaryPath.Sequence, -48)]
    [InlineData(SummaryPath.Columns, 6)]
    public void Build_ObservationEndNotAfterCalibrationEnd_ThrowsNamingObservationEnd(SummaryPath path, double hoursAfter)
    {
        Action act = () => Build(path, [Buy("a", 1, 1m)], calibrationEnd: Day(10), observationEnd: Day(10).AddHours(hoursAfter));
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("observationEnd");
    }

    [Fact]
    public void Build_NullTransactions_ThrowsArgumentNull()
    {
        var builder = new CustomerSummaryBuilder();
        builder.Invoking(b => b.Build(null!, CalibrationEnd)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("transactions");
    }

    // ---- construction ----

    [Fact]
    public void Constructor_Options_AreCopied()
    {
        var options = new CustomerSummaryOptions { Period = PurchasePeriod.Week, TimeUnit = TimeUnit.Week, MaximumAmount = 100m };
        var builder = new CustomerSummaryBuilder(options, new FakeTimeProvider(Now));
        options.Period = PurchasePeriod.Day;
        options.TimeUnit = TimeUnit.Day;
        options.MaximumAmount = 1m;

        builder.Period.Should().Be(PurchasePeriod.Week);
        builder.TimeUnit.Should().Be(TimeUnit.Week);
        builder.Build([Buy("a", 1, 50m)], CalibrationEnd).Count.Should().Be(1, "the maximum in force is the one given at construction");
    }

    [Fact]
    public void Constructor_Defaults_UseDayPeriodAndDayUnit()
    {
        var builder = new CustomerSummaryBuilder();
        builder.Period.Should().Be(PurchasePeriod.Day);
        builder.TimeUnit.Should().Be(TimeUnit.Day);
    }

    [Fact]
    public void Build_ClockReadAtEachBuild()
    {
        var clock = new FakeTimeProvider(Day(1));
        var builder = new CustomerSummaryBuilder(null, clock);
        Transaction[] log = [Buy("a", 2, 10m)];
        builder.Invoking(b => b.Build(log, CalibrationEnd)).Should().Throw<InvalidTransactionException>();
        clock.Advance(TimeSpan.FromDays(2));
        builder.Build(log, CalibrationEnd).Count.Should().Be(1);
    }
}
