using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.Rfm;

namespace RelationshipKit.Tests.Differentiation.Rfm;

public sealed class RfmSegmentRuleTests
{
    [Fact]
    public void Matches_ThreeRanges_ChecksEachScore()
    {
        var rule = new RfmSegmentRule("X", new RfmScoreRange(4, 5), new RfmScoreRange(2, 3), RfmScoreRange.Exactly(1));

        rule.Matches(new RfmScore(4, 2, 1)).Should().BeTrue();
        rule.Matches(new RfmScore(5, 3, 1)).Should().BeTrue();
        rule.Matches(new RfmScore(3, 2, 1)).Should().BeFalse();
        rule.Matches(new RfmScore(4, 4, 1)).Should().BeFalse();
        rule.Matches(new RfmScore(4, 2, 2)).Should().BeFalse();
        rule.FrequencyMonetary.Should().BeNull();
    }

    [Fact]
    public void ForRecencyAndFrequencyMonetary_UsesFloorOfMean()
    {
        RfmSegmentRule rule = RfmSegmentRule.ForRecencyAndFrequencyMonetary("Y", RfmScoreRange.Exactly(5), new RfmScoreRange(4, 5));

        rule.Matches(new RfmScore(5, 4, 4)).Should().BeTrue();
        rule.Matches(new RfmScore(5, 5, 3)).Should().BeTrue();   // ⌊8/2⌋ = 4
        rule.Matches(new RfmScore(5, 4, 3)).Should().BeFalse();  // ⌊7/2⌋ = 3
        rule.Matches(new RfmScore(4, 5, 5)).Should().BeFalse();
        RfmSegmentRule.FrequencyMonetaryOf(new RfmScore(1, 5, 4)).Should().Be(4);
        rule.ToString().Should().Be("Y: R 5, FM 4-5");
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        ((Action)(() => _ = new RfmSegmentRule(null!, RfmScoreRange.Any, RfmScoreRange.Any, RfmScoreRange.Any))).Should().Throw<ArgumentNullException>().WithParameterName("segment");
        ((Action)(() => _ = new RfmSegmentRule(" ", RfmScoreRange.Any, RfmScoreRange.Any, RfmScoreRange.Any))).Should().Throw<ArgumentException>().WithParameterName("segment");
        ((Action)(() => _ = new RfmSegmentRule("X", default, RfmScoreRange.Any, RfmScoreRange.Any))).Should().Throw<ArgumentException>().WithParameterName("recency");
        ((Action)(() => _ = new RfmSegmentRule("X", RfmScoreRange.Any, default, RfmScoreRange.Any))).Should().Throw<ArgumentException>().WithParameterName("frequency");
        ((Action)(() => _ = new RfmSegmentRule("X", RfmScoreRange.Any, RfmScoreRange.Any, default))).Should().Throw<ArgumentException>().WithParameterName("monetary");
        ((Action)(() => RfmSegmentRule.ForRecencyAndFrequencyMonetary("X", RfmScoreRange.Any, default))).Should().Throw<ArgumentException>().WithParameterName("frequencyMonetary");
    }
}
