using RelationshipKit.Differentiation.Tiers;
using RelationshipKit.Summaries;
using RelationshipKit.Tests.TestData;

namespace RelationshipKit.Tests.Differentiation.Tiers;

public sealed class RevenueConcentrationTests
{
    [Theory]
    // Σ(2i − n − 1)x / (n·S): [1,2,3,4] → 10/40; [0,0,0,10] → 30/40; [1,2,3,4,10] → 40/100; equal → 0.
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0.25)]
    [InlineData(new[] { 10.0, 0, 0, 0 }, 0.75)]
    [InlineData(new[] { 10.0, 4, 3, 2, 1 }, 0.4)]
    [InlineData(new[] { 5.0, 5, 5, 5 }, 0)]
    [InlineData(new[] { 7.0 }, 0)]
    public void Compute_HandCases_GiveGini(double[] revenues, double gini)
    {
        RevenueConcentration c = RevenueConcentration.Compute(revenues.Select(r => (decimal)r).ToArray());

        c.Gini.Should().BeApproximately(gini, 1e-15);
    }

    [Fact]
    public void Compute_HandCase_GivesLorenzAndTopShares()
    {
        RevenueConcentration c = RevenueConcentration.Compute([4m, 1m, 3m, 2m]);

        c.Customers.Should().Be(4);
        c.TotalRevenue.Should().Be(10m);
        c.GetLorenzCurve(5).Should().Equal(new LorenzPoint(0, 0), new LorenzPoint(0.25, 0.1), new LorenzPoint(0.5, 0.3), new LorenzPoint(0.75, 0.6), new LorenzPoint(1, 1));
        c.GetTopShare(0.25).Should().BeApproximately(0.4, 1e-15);
        c.GetTopShare(0.5).Should().BeApproximately(0.7, 1e-15);
        c.GetRevenueShare(0.5).Should().BeApproximately(0.3, 1e-15);
    }

    [Fact]
    public void GetTopShare_Default_IsTopTwentyPercent()
    {
        // Ten customers; the top two bring 50 + 30 of 100.
        RevenueConcentration c = RevenueConcentration.Compute([50m, 30m, 5m, 5m, 2m, 2m, 2m, 2m, 1m, 1m]);

        c.GetTopShare().Should().BeApproximately(0.8, 1e-12);
    }

    [Fact]
    public void GetTopShare_FractionOfACustomer_Interpolates()
    {
        // [0,0,0,10]: the top 20 % is 0.8 of the one customer with revenue: 0.8 of all.
        RevenueConcentration c = RevenueConcentration.Compute([0m, 0m, 0m, 10m]);

        c.GetTopShare(0.2).Should().BeApproximately(0.8, 1e-12);
    }

    [Fact]
    public void Compute_ZeroTotal_IsEquality()
    {
        RevenueConcentration c = RevenueConcentration.Compute([0m, 0m]);

        c.Gini.Should().Be(0);
        c.GetTopShare(0.2).Should().BeApproximately(0.2, 1e-15);
    }

    [Fact]
    public void Compute_FromCdnowTable_MatchesRevenueSpan()
    {
        CustomerSummaryTable table = CdnowData.Summaries(SharedData.PathOf("CDNOW_sample.txt"), new DateTimeOffset(1997, 9, 30, 0, 0, 0, TimeSpan.Zero));

        RevenueConcentration fromTable = RevenueConcentration.Compute(table);
        RevenueConcentration fromSpan = RevenueConcentration.Compute(table.TotalSpend);

        fromTable.Gini.Should().Be(fromSpan.Gini);
        fromTable.Gini.Should().BeInRange(0, 1);
        fromTable.GetTopShare().Should().BeGreaterThan(0.2, "revenue is concentrated");
        fromTable.TotalRevenue.Should().Be(table.Sum(s => s.History!.Value.TotalSpend));
    }

    [Fact]
    public void Compute_InvalidArguments_Throw()
    {
        ((Action)(() => RevenueConcentration.Compute(ReadOnlySpan<decimal>.Empty))).Should().Throw<ArgumentException>().WithParameterName("revenues");
        ((Action)(() => RevenueConcentration.Compute([1m, -2m]))).Should().Throw<ArgumentException>().WithMessage("*Revenue 1 is -2*");
        ((Action)(() => RevenueConcentration.Compute((CustomerSummaryTable)null!))).Should().Throw<ArgumentNullException>();
        RevenueConcentration c = RevenueConcentration.Compute([1m]);
        ((Action)(() => c.GetTopShare(1.5))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => c.GetRevenueShare(-0.1))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => c.GetRevenueShare(double.NaN))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => c.GetLorenzCurve(1))).Should().Throw<ArgumentOutOfRangeException>();
    }
}
