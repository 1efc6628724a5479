using Microsoft.Extensions.Options;
using RelationshipKit.Differentiation.Profitability;
using RelationshipKit.Differentiation.Tiers;
using RelationshipKit.Summaries;

namespace RelationshipKit.Tests.Differentiation.Profitability;

public sealed class ProfitabilityAnalyzerTests
{
    [Fact]
    public void Analyze_HandCase_GivesProfitsBelowStandardAndTiers()
    {
        // a: 2 orders, 80; b: 1 order, 100; c: 2 orders (same day), 30.
        CustomerSummaryTable table = RfmTestData.HistoryTable(100, ("a", 90, 30m), ("a", 95, 50m), ("b", 10, 100m), ("c", 80, 20m), ("c", 80, 10m));
        var options = new CostToServeOptions
        {
            PerCustomer = 5m,
            PerOrder = 2m,
            PerInteraction = new Dictionary<string, decimal> { ["call"] = 4m, ["complaint"] = 10m },
            ProfitStandard = 60m,
        };
        InteractionCounts interactions = InteractionCounts.FromDictionary(new Dictionary<CustomerId, IReadOnlyDictionary<string, int>>
        {
            [new CustomerId("a")] = new Dictionary<string, int> { ["call"] = 3 },
            [new CustomerId("b")] = new Dictionary<string, int> { ["complaint"] = 2, ["email"] = 5 },
            [new CustomerId("zz")] = new Dictionary<string, int> { ["call"] = 1 },
        });

        ProfitabilityReport report = new ProfitabilityAnalyzer(options).Analyze(table, interactions);

        // a: 5 + 2·2 + 4·3 = 21 → 59; b: 5 + 2 + 10·2 = 27 → 73; c: 5 + 2·2 = 9 → 21.
        report.Customers.Should().Equal(
            new CustomerProfit(new CustomerId("a"), 80m, 2, 21m, 59m),
            new CustomerProfit(new CustomerId("b"), 100m, 1, 27m, 73m),
            new CustomerProfit(new CustomerId("c"), 30m, 2, 9m, 21m));
        report.TotalRevenue.Should().Be(210m);
        report.TotalCostToServe.Should().Be(57m);
        report.TotalProfit.Should().Be(153m);
        report.BelowStandard.Select(p => p.CustomerId.Value).Should().Equal("c", "a");
        report.UncostedKinds.Should().Equal("email");
        report.UnmatchedCustomers.Should().Be(1);
        report.Profits.ToArray().Should().Equal(59, 73, 21);

        ValueTiers tiers = ValueTiers.FromTopPercent(report.Profits, [new("Top", 34), new("Rest", 100)]);
        report.SummarizeTiers(tiers).Should().Equal(
            new ProfitTierSummary("Top", 2, 180m, 48m, 132m),
            new ProfitTierSummary("Rest", 1, 30m, 9m, 21m));
    }

    [Fact]
    public void Analyze_NoHistory_UsesRepeatSpendAndPeriods()
    {
        CustomerSummaryTable table = RfmTestData.Table(RfmTestData.Summary("a", 3, 5, 9, 10m));

        ProfitabilityReport report = new ProfitabilityAnalyzer(new CostToServeOptions { PerOrder = 1m }).Analyze(table);

        report.Customers[0].Should().Be(new CustomerProfit(new CustomerId("a"), 30m, 3, 3m, 27m));
        report.BelowStandard.Should().BeEmpty();
    }

    [Fact]
    public void SummarizeTiers_UntieredCustomers_GetANullRow()
    {
        CustomerSummaryTable table = RfmTestData.Table(RfmTestData.Summary("a", 3, 5, 9, 10m), RfmTestData.Summary("b", 0, 0, 9));
        ProfitabilityReport report = new ProfitabilityAnalyzer().Analyze(table);

        IReadOnlyList<ProfitTierSummary> summary = report.SummarizeTiers(ValueTiers.FromThresholds([new("Profitable", 1)]));

        summary.Should().Equal(new ProfitTierSummary("Profitable", 1, 30m, 0m, 30m), new ProfitTierSummary(null, 1, 0m, 0m, 0m));
        ((Action)(() => report.SummarizeTiers(null!))).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheOption()
    {
        ((Action)(() => _ = new ProfitabilityAnalyzer(new CostToServeOptions { PerInteraction = null! }))).Should().Throw<OptionsValidationException>().WithMessage("*CostToServeOptions.PerInteraction*");
        ((Action)(() => _ = new ProfitabilityAnalyzer(new CostToServeOptions { PerInteraction = new Dictionary<string, decimal> { [" "] = 1m } }))).Should().Throw<OptionsValidationException>().WithMessage("*PerInteraction*white-space*");
    }

    [Fact]
    public void Analyze_Null_Throws()
    {
        ((Action)(() => new ProfitabilityAnalyzer().Analyze(null!))).Should().Throw<ArgumentNullException>().WithParameterName("customers");
    }

    [Fact]
    public void Constructor_OptionsChangedLater_DoNotAffectAnalyzer()
    {
        var options = new CostToServeOptions { PerCustomer = 1m };
        var analyzer = new ProfitabilityAnalyzer(options);
        options.PerCustomer = 100m;
        options.PerInteraction["x"] = 5m;

        analyzer.Analyze(RfmTestData.Table(RfmTestData.Summary("a", 0, 0, 9))).TotalCostToServe.Should().Be(1m);
    }
}
