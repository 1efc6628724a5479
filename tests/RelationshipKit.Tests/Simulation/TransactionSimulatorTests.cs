using Microsoft.Extensions.Options;
using RelationshipKit.Simulation;
using RelationshipKit.Summaries;

namespace RelationshipKit.Tests.Simulation;

public sealed class TransactionSimulatorTests
{
    private static readonly DateTimeOffset Start = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheOption()
    {
        var act = () => new TransactionSimulator(new TransactionSimulatorOptions { Alpha = 0 });
        act.Should().Throw<OptionsValidationException>().WithMessage("*TransactionSimulatorOptions.Alpha*");
    }

    [Fact]
    public void Constructor_OptionsChangedAfterwards_KeepsItsCopy()
    {
        var options = new TransactionSimulatorOptions { CustomerCount = 10, Seed = 3 };
        var simulator = new TransactionSimulator(options);
        options.CustomerCount = 20;
        options.Seed = 4;
        simulator.CustomerCount.Should().Be(10);
        simulator.Seed.Should().Be(3);
        simulator.Simulate().CustomerCount.Should().Be(10);
    }

    [Fact]
    public void Constructor_NullOptions_UsesDefaults()
    {
        var simulator = new TransactionSimulator();
        simulator.CustomerCount.Should().Be(1000);
        SimulatedTransactions log = simulator.Simulate();
        log.CustomerCount.Should().Be(1000);
        log.TimeUnit.Should().Be(TimeUnit.Week);
    }

    [Fact]
    public void Simulate_SameSeed_GivesIdenticalOutput()
    {
        var options = new TransactionSimulatorOptions { CustomerCount = 2000, Seed = 42 };
        SimulatedTransactions first = new TransactionSimulator(options).Simulate();
        SimulatedTransactions second = new TransactionSimulator(options).Simulate();
        var simulator = new TransactionSimulator(options);
        SimulatedTransactions third = simulator.Simulate();
        SimulatedTransactions fourth = simulator.Simulate();

        foreach (SimulatedTransactions other in new[] { second, third, fourth })
        {
            other.CustomerIndex.ToArray().Should().Equal(first.CustomerIndex.ToArray());
            other.OccurredAt.ToArray().Should().Equal(first.OccurredAt.ToArray());
            other.Amounts.ToArray().Should().Equal(first.Amounts.ToArray());
            other.Lambda.ToArray().Should().Equal(first.Lambda.ToArray());
            other.DropoutProbability.ToArray().Should().Equal(first.DropoutProbability.ToArray());
            other.Nu.ToArray().Should().Equal(first.Nu.ToArray());
            other.DropoutAt.ToArray().Should().Equal(first.DropoutAt.ToArray());
        }
    }

    [Fact]
    public void Simulate_DifferentSeeds_GiveDifferentOutput()
    {
        SimulatedTransactions first = new TransactionSimulator(new TransactionSimulatorOptions { CustomerCount = 500, Seed = 1 }).Simulate();
        SimulatedTransactions second = new TransactionSimulator(new TransactionSimulatorOptions { CustomerCount = 500, Seed = 2 }).Simulate();
        second.Lambda.ToArray().Should().NotEqual(first.Lambda.ToArray());
        second.Amounts.ToArray().Should().NotEqual(first.Amounts.ToArray());
    }

    [Fact]
    public void Simulate_Defaults_RowsAreWellFormed()
    {
        var options = new TransactionSimulatorOptions { CustomerCount = 5000, Seed = 9 };
        SimulatedTransactions log = new TransactionSimulator(options).Simulate();

        log.Start.Should().Be(options.Start);
        log.End.Should().Be(options.End);
        log.Seed.Should().Be(9UL);
        log.Order.Should().Be(SimulatedTransactionOrder.ByCustomer);
        log.Customers.Length.Should().Be(5000);
        log.Customers[0].Value.Should().Be("1");
        log.Customers[4999].Value.Should().Be("5000");
        log.Lambda.Length.Should().Be(5000);
        log.DropoutProbability.Length.Should().Be(5000);
        log.Nu.Length.Should().Be(5000);
        log.FirstPurchaseAt.Length.Should().Be(5000);
        log.DropoutAt.Length.Should().Be(5000);
        log.OccurredAt.Length.Should().Be(log.Count);
        log.Amounts.Length.Should().Be(log.Count);
        log.Count.Should().BeGreaterThan(5000);

        var rowsPerCustomer = new int[log.CustomerCount];
        for (int i = 0; i < log.Count; i++)
        {
            DateTimeOffset at = log.OccurredAt[i];
            at.Should().BeOnOrAfter(options.Start).And.BeOnOrBefore(options.End);
            at.Offset.Should().Be(TimeSpan.Zero);
            ((at - options.Start).Ticks % TimeSpan.TicksPerSecond).Should().Be(0, "times are whole seconds after the start");
            decimal amount = log.Amounts[i];
            amount.Should().BeGreaterThan(0m);
            (amount * 100m).Should().Be(decimal.Truncate(amount * 100m), "amounts are rounded to cents");
            rowsPerCustomer[log.CustomerIndex[i]]++;
        }

        rowsPerCustomer.Should().OnlyContain(n => n >= 1, "every customer makes a first purchase");
        for (int c = 0; c < log.CustomerCount; c++)
        {
            log.FirstPurchaseAt[c].Should().BeOnOrAfter(options.Start).And.BeOnOrBefore(options.Start + options.AcquisitionWindow);
            log.Lambda[c].Should().BeGreaterThanOrEqualTo(0);
            log.DropoutProbability[c].Should().BeInRange(0, 1);
            log.Nu[c].Should().BeGreaterThan(0);
        }
    }

    [Fact]
    public void Simulate_ByCustomer_RowsGroupedByCustomerInTimeOrder()
    {
        SimulatedTransactions log = new TransactionSimulator(new TransactionSimulatorOptions { CustomerCount = 3000, Seed = 5 }).Simulate();
        for (int i = 1; i < log.Count; i++)
        {
            log.CustomerIndex[i].Should().BeGreaterThanOrEqualTo(log.CustomerIndex[i - 1]);
            if (log.CustomerIndex[i] == log.CustomerIndex[i - 1])
            {
                log.OccurredAt[i].Should().BeOnOrAfter(log.OccurredAt[i - 1]);
            }
            else
            {
                log.OccurredAt[i].Should().Be(log.FirstPurchaseAt[log.CustomerIndex[i]]);
            }
        }
    }

    [Fact]
    public void Simulate_ByTime_IsTheSameLogSortedByTime()
    {
        var options = new TransactionSimulatorOptions { CustomerCount = 3000, Seed = 5 };
        SimulatedTransactions byCustomer = new TransactionSimulator(options).Simulate();
        options.Order = SimulatedTransactionOrder.ByTime;
        SimulatedTransactions byTime = new TransactionSimulator(options).Simulate();

        byTime.Order.Should().Be(SimulatedTransactionOrder.ByTime);
        byTime.Count.Should().Be(byCustomer.Count);
        for (int i = 1; i < byTime.Count; i++)
        {
            byTime.OccurredAt[i].Should().BeOnOrAfter(byTime.OccurredAt[i - 1]);
            if (byTime.OccurredAt[i] == byTime.OccurredAt[i - 1])
            {
                byTime.CustomerIndex[i].Should().BeGreaterThanOrEqualTo(byTime.CustomerIndex[i - 1], "ties keep customer order");
            }
        }

        Rows(byTime).Should().Equal(Rows(byCustomer).OrderBy(r => r.At).ThenBy(r => r.Customer));
        byTime.Lambda.ToArray().Should().Equal(byCustomer.Lambda.ToArray());
    }

    [Fact]
    public void Simulate_DropoutAt_IsTheLastPurchaseOfCustomersWhoLeft()
    {
        SimulatedTransactions log = new TransactionSimulator(new TransactionSimulatorOptions { CustomerCount = 5000, Seed = 8 }).Simulate();
        var last = new DateTimeOffset[log.CustomerCount];
        var count = new int[log.CustomerCount];
        for (int i = 0; i < log.Count; i++)
        {
            int c = log.CustomerIndex[i];
            last[c] = log.OccurredAt[i];
            count[c]++;
        }

        int dropped = 0;
        for (int c = 0; c < log.CustomerCount; c++)
        {
            if (log.DropoutAt[c] != DateTimeOffset.MaxValue)
            {
                dropped++;
                log.DropoutAt[c].Should().Be(last[c]);
                count[c].Should().BeGreaterThan(1, "a customer can only drop out after a repeat purchase");
            }
        }

        dropped.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Simulate_ZeroAcquisitionWindow_AllFirstPurchasesAtStart()
    {
        SimulatedTransactions log = new TransactionSimulator(new TransactionSimulatorOptions { CustomerCount = 200, AcquisitionWindow = TimeSpan.Zero }).Simulate();
        log.FirstPurchaseAt.ToArray().Should().OnlyContain(t => t == log.Start);
    }

    [Fact]
    public void Simulate_MaximumAmount_CapsAmounts()
    {
        SimulatedTransactions log = new TransactionSimulator(new TransactionSimulatorOptions { CustomerCount = 500, MaximumAmount = 20m }).Simulate();
        log.Amounts.ToArray().Should().OnlyContain(a => a > 0m && a <= 20m);
        log.Amounts.ToArray().Should().Contain(20m, "with a mean spend near 35 many draws exceed the cap");
    }

    [Fact]
    public void Simulate_ManyCustomers_MeanRepeatPurchasesMatchBgNbdExpectation()
    {
        // All customers acquired at the start, so every one is observed for the same t; E[X(t)] is the closed form.
        var options = new TransactionSimulatorOptions { CustomerCount = 200_000, Seed = 2024, AcquisitionWindow = TimeSpan.Zero };
        SimulatedTransactions log = new TransactionSimulator(options).Simulate();
        double t = (options.End - options.Start).TotalDays / 7;
        double expected = BgNbdReference.ExpectedRepeatPurchases(t, options.R, options.Alpha, options.A, options.B);

        (double mean, double standardError) = MeanRepeatPurchases(log);
        mean.Should().BeApproximately(expected, 4 * standardError);
        standardError.Should().BeLessThan(0.01 * expected, "the check must be sharp enough to catch a model error");
    }

    [Fact]
    public void Simulate_UniformAcquisition_MeanRepeatPurchasesMatchAveragedExpectation()
    {
        var options = new TransactionSimulatorOptions
        {
            CustomerCount = 200_000,
            Seed = 77,
            R = 1.2,
            Alpha = 6.0,
            A = 0.6,
            B = 3.0,
            TimeUnit = TimeUnit.Day,
            Start = Start,
            End = Start.AddDays(200),
            AcquisitionWindow = TimeSpan.FromDays(60),
        };
        SimulatedTransactions log = new TransactionSimulator(options).Simulate();
        double expected = BgNbdReference.ExpectedRepeatPurchasesUniformAcquisition(200, 60, options.R, options.Alpha, options.A, options.B);

        (double mean, double standardError) = MeanRepeatPurchases(log);
        mean.Should().BeApproximately(expected, 4 * standardError);
    }

    [Fact]
    public void Simulate_ManyCustomers_MeanSpendMatchesGammaGammaExpectation()
    {
        // One purchase per customer (the first) keeps the draws independent: E[z] = E[p/nu] = p gamma / (q - 1).
        var options = new TransactionSimulatorOptions { CustomerCount = 200_000, Seed = 31 };
        SimulatedTransactions log = new TransactionSimulator(options).Simulate();
        var first = new double[log.CustomerCount];
        var seen = new bool[log.CustomerCount];
        for (int i = 0; i < log.Count; i++)
        {
            int c = log.CustomerIndex[i];
            if (!seen[c])
            {
                seen[c] = true;
                first[c] = (double)log.Amounts[i];
            }
        }

        (double mean, double standardError) = MeanAndStandardError(first);
        double expected = options.P * options.Gamma / (options.Q - 1);
        mean.Should().BeApproximately(expected, 4 * standardError);
    }

    [Fact]
    public void Simulate_ManyCustomers_LatentParametersFollowTheirDistributions()
    {
        var options = new TransactionSimulatorOptions { CustomerCount = 200_000, Seed = 4 };
        SimulatedTransactions log = new TransactionSimulator(options).Simulate();

        (double lambdaMean, double lambdaError) = MeanAndStandardError(log.Lambda.ToArray());
        lambdaMean.Should().BeApproximately(options.R / options.Alpha, 4 * lambdaError);

        (double pMean, double pError) = MeanAndStandardError(log.DropoutProbability.ToArray());
        pMean.Should().BeApproximately(options.A / (options.A + options.B), 4 * pError);

        (double nuMean, double nuError) = MeanAndStandardError(log.Nu.ToArray());
        nuMean.Should().BeApproximately(options.Q / options.Gamma, 4 * nuError);
    }

    [Fact]
    public void AsColumns_FeedsTheSummaryBuilder()
    {
        SimulatedTransactions log = new TransactionSimulator(new TransactionSimulatorOptions { CustomerCount = 1000, Seed = 6 }).Simulate();
        TransactionColumns columns = log.AsColumns();
        columns.Count.Should().Be(log.Count);
        columns.Customers.Length.Should().Be(log.CustomerCount);

        var builder = new CustomerSummaryBuilder(new CustomerSummaryOptions { Period = PurchasePeriod.Transaction, TimeUnit = TimeUnit.Week });
        CustomerSummaryTable table = builder.Build(log.AsColumns(), log.End);
        table.Count.Should().Be(log.CustomerCount, "every customer has a first purchase before the end");

        var rows = new int[log.CustomerCount];
        foreach (int c in log.CustomerIndex)
        {
            rows[c]++;
        }

        // With every transaction its own period (two purchases of one customer in the same second are practically
        // impossible at these rates), x = rows - 1, and customers come out in first-seen order.
        for (int i = 0; i < table.Count; i++)
        {
            table.CustomerIds[i].Should().Be(log.Customers[i]);
            table.Frequency[i].Should().Be(rows[i] - 1);
        }
    }

    private static (double Mean, double StandardError) MeanRepeatPurchases(SimulatedTransactions log)
    {
        var repeats = new double[log.CustomerCount];
        foreach (int c in log.CustomerIndex)
        {
            repeats[c]++;
        }

        for (int c = 0; c < repeats.Length; c++)
        {
            repeats[c] -= 1; // the first purchase is not a repeat
        }

        return MeanAndStandardError(repeats);
    }

    private static (double Mean, double StandardError) MeanAndStandardError(double[] values)
    {
        double mean = values.Average();
        double sum = 0;
        foreach (double v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        double variance = sum / (values.Length - 1);
        return (mean, Math.Sqrt(variance / values.Length));
    }

    private static List<(DateTimeOffset At, int Customer, decimal Amount)> Rows(SimulatedTransactions log)
    {
        var rows = new List<(DateTimeOffset, int, decimal)>(log.Count);
        for (int i = 0; i < log.Count; i++)
        {
            rows.Add((log.OccurredAt[i], log.CustomerIndex[i], log.Amounts[i]));
        }

        return rows;
    }
}
