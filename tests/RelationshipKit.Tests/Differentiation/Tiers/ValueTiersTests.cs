using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.Rfm;
using RelationshipKit.Differentiation.Tiers;

namespace RelationshipKit.Tests.Differentiation.Tiers;

public sealed class ValueTiersTests
{
    [Fact]
    public void FromTopPercent_HandCase_CutsAtRanks()
    {
        double[] scores = [3, 10, 1, 8, 9, 2, 7, 4, 6, 5];

        ValueTiers tiers = ValueTiers.FromTopPercent(scores, [new("Gold", 10), new("Silver", 30), new("Bronze", 100)]);

        tiers.Tiers.Select(t => t.MinimumScore).Should().Equal(10, 8, double.NegativeInfinity);
        scores.Select(tiers.GetTier).Should().Equal("Bronze", "Gold", "Bronze", "Silver", "Silver", "Bronze", "Bronze", "Bronze", "Bronze", "Bronze");
        tiers.GetTier(9.5).Should().Be("Silver");
        tiers.GetTier(11).Should().Be("Gold");
        tiers.GetTier(-5).Should().Be("Bronze");
        tiers.CountTiers(scores).Should().Equal(1, 2, 7, 0);
    }

    [Fact]
    public void FromTopPercent_TiesAtCut_AllGoToHigherTier()
    {
        ValueTiers tiers = ValueTiers.FromTopPercent([5d, 5, 5, 1], [new("Top", 25), new("Rest", 100)]);

        tiers.CountTiers([5d, 5, 5, 1]).Should().Equal(3, 1, 0);
    }

    [Fact]
    public void FromTopPercent_LastTierBelowHundred_LeavesRestUntiered()
    {
        ValueTiers tiers = ValueTiers.FromTopPercent([1d, 2, 3, 4], [new("Top half", 50)]);

        tiers.GetTier(3).Should().Be("Top half");
        tiers.GetTier(2).Should().BeNull();
    }

    [Fact]
    public void Deciles_TwentyScores_TwoPerDecile()
    {
        double[] scores = Enumerable.Range(1, 20).Select(i => (double)i).ToArray();

        ValueTiers tiers = ValueTiers.Deciles(scores);

        tiers.Tiers.Select(t => t.Name).Should().Equal("D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9", "D10");
        tiers.Tiers[0].MinimumScore.Should().Be(19);
        tiers.CountTiers(scores).Take(10).Should().AllBeEquivalentTo(2);
    }

    [Fact]
    public void FromThresholds_HostTiers_AssignByMinimum()
    {
        ValueTiers tiers = ValueTiers.FromThresholds([new("Gold", 100), new("Silver", 50)]);

        tiers.GetTier(100).Should().Be("Gold");
        tiers.GetTier(60).Should().Be("Silver");
        tiers.GetTier(10).Should().BeNull();
    }

    [Fact]
    public void AssignTiers_OverAnyModelScores_SetsTierInPlace()
    {
        var table = RfmTestData.FrequencyTable(RfmTestData.Ids(10), Enumerable.Range(1, 10).ToArray());
        RfmModel model = new RfmStrategy().Fit(table);
        var values = new CustomerValue[table.Count];
        model.Score(table, values);
        ValueTiers tiers = ValueTiers.FromTopPercent(values, [new("Top", 20), new("Rest", 100)]);

        tiers.AssignTiers(values);

        values.Should().OnlyContain(v => v.Tier == (v.Score >= tiers.Tiers[0].MinimumScore ? "Top" : "Rest"));
        values.Count(v => v.Tier == "Top").Should().BeGreaterThanOrEqualTo(2);
        values.Should().OnlyContain(v => v.Rfm.HasValue, "tiers keep the rest of the value");
    }

    [Fact]
    public void Factories_InvalidArguments_Throw()
    {
        ((Action)(() => ValueTiers.FromThresholds(null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => ValueTiers.FromThresholds([]))).Should().Throw<ArgumentException>().WithMessage("*At least one tier*");
        ((Action)(() => ValueTiers.FromThresholds([new("A", 1), new("B", 1)]))).Should().Throw<ArgumentException>().WithMessage("*strictly decrease*");
        ((Action)(() => ValueTiers.FromThresholds([new("A", 2), new("A", 1)]))).Should().Throw<ArgumentException>().WithMessage("*twice*");
        ((Action)(() => ValueTiers.FromThresholds([default]))).Should().Throw<ArgumentException>().WithMessage("*default*");
        ((Action)(() => ValueTiers.FromTopPercent([1d], null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => ValueTiers.FromTopPercent(ReadOnlySpan<double>.Empty, [new TopPercentTier("A", 100)]))).Should().Throw<ArgumentException>().WithParameterName("population");
        ((Action)(() => ValueTiers.FromTopPercent([double.NaN], [new TopPercentTier("A", 100)]))).Should().Throw<ArgumentException>().WithMessage("*Score 0*");
        ((Action)(() => ValueTiers.FromTopPercent([1d], [new("A", 50), new("B", 50)]))).Should().Throw<ArgumentException>().WithMessage("*strictly increase*");
        ((Action)(() => ValueTiers.Deciles(ReadOnlySpan<double>.Empty))).Should().Throw<ArgumentException>();
        ((Action)(() => ValueTiers.Deciles([1d]).GetTier(double.NaN))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => ValueTiers.Deciles([1d]).CountTiers([double.NaN]))).Should().Throw<ArgumentOutOfRangeException>();
    }
}
