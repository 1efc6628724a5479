using RelationshipKit.Differentiation;
using RelationshipKit.Interactions;
using RelationshipKit.Loyalty;
using RelationshipKit.Samples.Store;
using RelationshipKit.Summaries;
using Microsoft.Extensions.DependencyInjection;

namespace RelationshipKit.Tests.Samples;

/// <summary>The README's "run it" sample (issue 7), run small: the report and the library's work behind it.</summary>
public sealed class StoreSampleTests(StoreSampleFixture fixture) : IClassFixture<StoreSampleFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private StoreSampleResult Result => fixture.Result;

    [Fact]
    public void Run_SmallShop_ReportHasEverySectionInOrder()
    {
        string[] titles =
        [
            "1. Identities", "2. Interaction history", "3. Customer summaries", "4. Models", "5. Customers by stage",
            "6. Customers by RFM segment", "7. Value concentration", "8. Top customers by CLV",
            "9. Stage transitions of the last month", "10. Today's contact plan", "11. Run",
        ];
        int position = 0;
        foreach (string title in titles)
        {
            int at = fixture.Printed.IndexOf("\n" + title + "\n", position, StringComparison.Ordinal);
            at.Should().BeGreaterThan(0, "the report has the section '{0}' after the previous one", title);
            position = at;
        }

        fixture.Printed.Should().Contain("precision").And.Contain("Gini").And.Contain("P(alive)");
    }

    [Fact]
    public void Run_WithOutputDirectory_WritesTheReportAndSvgChartsNextToIt()
    {
        string report = Path.Combine(fixture.Folder, "report.txt");
        File.ReadAllText(report).Should().Be(fixture.Printed);
        string[] charts = Directory.GetFiles(fixture.Folder, "*.svg");
        charts.Select(Path.GetFileName).Should().BeEquivalentTo(new[] { "frequency-recency.svg", "probability-alive.svg", "period-transactions.svg", "calibration-holdout.svg" });
        foreach (string chart in charts)
        {
            File.ReadAllText(chart).Should().Contain("<svg");
        }
    }

    [Fact]
    public void Run_SmallShop_IdentitiesResolvedWithSanePrecisionAndRecall()
    {
        // Pair precision and recall recomputed here from the truth (record -> person) and the resolution (record -> customer).
        int[] person = Result.People!.RecordPerson;
        CustomerId[] customer = Result.CustomerOfRecord;
        long predicted = 0, correct = 0, truePairs = 0;
        foreach (IGrouping<CustomerId, int> cluster in Enumerable.Range(0, person.Length).GroupBy(r => customer[r]))
        {
            long n = cluster.Count();
            predicted += n * (n - 1) / 2;
            foreach (IGrouping<int, int> same in cluster.GroupBy(r => person[r]))
            {
                long k = same.Count();
                correct += k * (k - 1) / 2;
            }
        }

        foreach (IGrouping<int, int> people in Enumerable.Range(0, person.Length).GroupBy(r => person[r]))
        {
            long n = people.Count();
            truePairs += n * (n - 1) / 2;
        }

        truePairs.Should().BeGreaterThan(100, "the simulation makes duplicate records");
        double precision = (double)correct / predicted;
        double recall = (double)correct / truePairs;
        precision.Should().BeGreaterThanOrEqualTo(0.98);
        recall.Should().BeGreaterThanOrEqualTo(0.7);
        Result.Identity!.Precision.Should().BeApproximately(precision, 1e-12);
        Result.Identity.Recall.Should().BeApproximately(recall, 1e-12);
        Result.Resolution!.CustomerCount.Should().BeLessThan(person.Length).And.BeGreaterThanOrEqualTo(Result.People.PersonCount * 95 / 100);
    }

    [Fact]
    public async Task Run_SmallShop_SummariesBatchEqualIncrementalAndMatchTheStore()
    {
        Result.SummaryDifferences.Should().Be(0);
        CustomerSummaryTable table = Result.Summaries!;
        IInteractionStore store = Result.Services!.GetRequiredService<IInteractionStore>();
        var orders = new Dictionary<CustomerId, int>();
        await foreach (Interaction purchase in store.ReadAllAsync(new InteractionQuery(Kind: InteractionKind.Purchase), Ct))
        {
            orders[purchase.CustomerId] = orders.GetValueOrDefault(purchase.CustomerId) + 1;
        }

        orders.Count.Should().Be(table.Count);
        for (int i = 0; i < table.Count; i++)
        {
            table.OrderCount[i].Should().Be(orders[table.CustomerIds[i]]);
        }

        orders.Values.Sum().Should().Be(Result.People!.Purchases.Count);
    }

    [Fact]
    public void Run_SmallShop_ReplaysRecognisedAndConflictingReplayRefused()
    {
        Result.ResentPurchases.Should().BeGreaterThan(0);
        Result.RecognisedReplays.Should().Be(Result.ResentPurchases);
        Result.ConflictMessage.Should().NotBeNull().And.Contain("different content");
        Result.StoredInteractions.Should().Be(Result.History!.Interactions.Count);
    }

    [Fact]
    public async Task Run_SmallShop_EveryPlannedContactIsAllowedByThePolicy()
    {
        ContactPlan plan = Result.Plan;
        plan.Planned.Should().NotBeEmpty();
        plan.Planned.Select(p => p.Customer).Should().OnlyHaveUniqueItems("one contact per customer per day");
        ContactPolicy policy = Result.Services!.GetRequiredService<ContactPolicy>();
        foreach (PlannedContact contact in plan.Planned)
        {
            ContactDecision decision = await policy.DecideAsync(contact.Customer, contact.Channel, contact.Purpose, fixture.Options.PlanAt, Ct);
            decision.IsAllowed.Should().BeTrue("{0} on {1} for {2} was planned", contact.Customer, contact.Channel, contact.Purpose);
        }
    }

    [Fact]
    public async Task Run_SmallShop_RefusedContactsCarryReasonsAndHaveNoAllowedChannel()
    {
        ContactPlan plan = Result.Plan;
        plan.Refused.Should().NotBeEmpty("the simulation has customers without consent, with do-not-contact and in quiet hours");
        ContactPolicy policy = Result.Services!.GetRequiredService<ContactPolicy>();
        foreach (RefusedContact contact in plan.Refused)
        {
            contact.Decision.Reasons.Should().NotBeEmpty();
            contact.Decision.Reasons.Should().OnlyContain(reason => !string.IsNullOrWhiteSpace(reason.Message));
            ContactDecision again = await policy.DecideAsync(contact.Customer, contact.Requested, contact.Purpose, fixture.Options.PlanAt, Ct);
            again.IsAllowed.Should().BeFalse();
            again.BestChannel.Should().BeNull();
        }

        plan.Refused.SelectMany(r => r.Decision.Reasons).Select(r => r.Code).Distinct().Should().HaveCountGreaterThan(1);
    }

    [Fact]
    public async Task Run_SmallShop_EveryCustomerStagedAndTheStoredHistoryReplays()
    {
        LoyaltyOutcome loyalty = Result.Loyalty!;
        loyalty.Customers.Should().HaveCount(Result.Resolution!.CustomerCount);
        loyalty.LadderStages.Should().OnlyContain(a => loyalty.Ladder.Contains(a.Stage) && a.Reason.Length > 0);
        loyalty.LifecycleStages.Should().OnlyContain(a => loyalty.Lifecycle.Contains(a.Stage) && a.Reason.Length > 0);
        loyalty.ReplayMismatches.Should().Be(0);

        // Prospects (customers without a purchase) are exactly the customers the summaries do not hold.
        int prospects = loyalty.LadderStages.Count(a => a.Stage == LoyaltyLadder.Prospect);
        prospects.Should().Be(loyalty.Customers.Length - Result.Summaries!.Count);

        // A customer's stored transitions chain (each starts where the previous ended) and end in today's stage.
        IStageHistoryStore store = Result.Services!.GetRequiredService<IStageHistoryStore>();
        foreach (int i in new[] { 0, loyalty.Customers.Length / 2, loyalty.Customers.Length - 1 })
        {
            IReadOnlyList<StageTransition> history = await store.ReadAsync(loyalty.Customers[i], loyalty.Lifecycle.Name, Ct);
            history.Should().NotBeEmpty();
            history[0].IsInitial.Should().BeTrue();
            for (int k = 1; k < history.Count; k++)
            {
                history[k].Previous.Should().Be(history[k - 1].Next);
                history[k].At.Should().BeAfter(history[k - 1].At);
            }

            history[^1].Next.Should().Be(loyalty.LifecycleStages[i].Stage);
        }

        DateTimeOffset monthAgo = fixture.Options.End.AddMonths(-1);
        loyalty.LastMonth.Should().NotBeEmpty().And.OnlyContain(t => t.At >= monthAgo && t.At <= fixture.Options.End && !t.IsInitial);
    }

    [Fact]
    public void Run_SmallShop_PlannedMessagesArePersonalisedBySegment()
    {
        ContactPlan plan = Result.Plan;
        plan.Memberships.Should().HaveCount(Result.Loyalty!.Customers.Length);
        plan.Planned.Should().OnlyContain(p => p.Message.Length > 0 && !p.Message.Contains('{') && !p.Message.Contains('}'));
        int birthday = plan.Catalog!.Segments.IndexOf("birthdayThisWeek");
        int complaint = plan.Catalog.Segments.IndexOf("openComplaint");
        foreach (PlannedContact contact in plan.Planned)
        {
            SegmentMembership membership = plan.Memberships[Result.Loyalty.Index[contact.Customer]];
            if (membership.Contains(birthday))
            {
                contact.Message.Should().StartWith("Happy birthday");
            }
            else if (membership.Contains(complaint))
            {
                contact.Message.Should().Contain("sorry");
            }
        }

        plan.Planned.Select(p => p.Action).Should().Contain("service recovery").And.Contain("cross-sell");
    }

    [Fact]
    public void Run_SmallShop_RegistersTheShopsOwnStrategyThroughDi()
    {
        Result.StrategyNames.Should().Contain(new[] { "rfm", "clv", SpendRateStrategy.KindName, StoreSample.PriorityStrategy });
        IScoringStrategy strategy = Result.Services!.GetRequiredService<IScoringStrategyProvider>().GetStrategy(SpendRateStrategy.KindName);
        strategy.Should().BeOfType<SpendRateStrategy>();
        IScoringModel reloaded = strategy.LoadModel(Result.SpendRate!.ToJson());
        var scores = new CustomerValue[Result.Summaries!.Count];
        reloaded.Score(Result.Summaries, scores);
        scores.Should().Equal(Result.SpendRateValues);

        // The median customer scores 1 (half the customers spend faster, half slower).
        double[] sorted = [.. Result.SpendRateValues.Select(v => v.Score).Order()];
        sorted[sorted.Length / 2].Should().BeApproximately(1, 0.05);
    }

    [Fact]
    public void Run_SameSeedTwice_SameReportApartFromTimings()
    {
        var options = new StoreSampleOptions { Customers = 1_000, Seed = 5 };
        using var first = new StringWriter();
        using var second = new StringWriter();
        using (StoreSample.Run(options, first))
        using (StoreSample.Run(options, second))
        {
        }

        static string WithoutTimings(string report) => report[..report.IndexOf("\n11. Run", StringComparison.Ordinal)];
        string a = WithoutTimings(first.ToString());
        WithoutTimings(second.ToString()).Should().Be(a);
        a.Should().Contain("1,000 people");
    }

    [Fact]
    public void Run_TooFewCustomers_ThrowsNamingTheOption()
    {
        var options = new StoreSampleOptions { Customers = 10 };
        Action run = () => StoreSample.Run(options, TextWriter.Null);
        run.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(nameof(StoreSampleOptions.Customers));
    }

    [Fact]
    public void Run_NullReport_Throws()
    {
        Action run = () => StoreSample.Run(new StoreSampleOptions(), null!);
        run.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("report");
    }
}
