using RelationshipKit.Differentiation.Tiers;

namespace RelationshipKit.Tests.Differentiation.Tiers;

public sealed class TopPercentTierTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void Constructor_PercentOutOfRange_Throws(double percent)
    {
        ((Action)(() => _ = new TopPercentTier("A", percent))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("topPercent");
    }

    [Fact]
    public void Constructor_Invalid_NameThrows()
    {
        ((Action)(() => _ = new TopPercentTier("", 10))).Should().Throw<ArgumentException>().WithParameterName("name");
        new TopPercentTier("A", 100).TopPercent.Should().Be(100);
    }
}
