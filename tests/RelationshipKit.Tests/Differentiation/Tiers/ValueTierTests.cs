using RelationshipKit.Differentiation.Tiers;

namespace RelationshipKit.Tests.Differentiation.Tiers;

public sealed class ValueTierTests
{
    [Fact]
    public void Constructor_Valid_KeepsValues()
    {
        var tier = new ValueTier("Gold", double.NegativeInfinity);

        tier.Name.Should().Be("Gold");
        tier.MinimumScore.Should().Be(double.NegativeInfinity);
    }

    [Fact]
    public void Constructor_Invalid_Throws()
    {
        ((Action)(() => _ = new ValueTier(null!, 1))).Should().Throw<ArgumentNullException>().WithParameterName("name");
        ((Action)(() => _ = new ValueTier(" ", 1))).Should().Throw<ArgumentException>().WithParameterName("name");
        ((Action)(() => _ = new ValueTier("A", double.NaN))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("minimumScore");
        ((Action)(() => _ = new ValueTier("A", double.PositiveInfinity))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("minimumScore");
    }
}
