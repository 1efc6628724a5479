using RelationshipKit.Differentiation.Rfm;

namespace RelationshipKit.Tests.Differentiation.Rfm;

public sealed class RfmScoreRangeTests
{
    [Fact]
    public void Constructor_ValidRange_ContainsItsScores()
    {
        var range = new RfmScoreRange(2, 4);

        Enumerable.Range(0, 7).Where(range.Contains).Should().Equal(2, 3, 4);
        range.ToString().Should().Be("2-4");
        RfmScoreRange.Exactly(3).ToString().Should().Be("3");
        RfmScoreRange.Any.Should().Be(new RfmScoreRange(1, 10));
    }

    [Theory]
    [InlineData(0, 3, "min")]
    [InlineData(11, 11, "min")]
    [InlineData(3, 2, "max")]
    [InlineData(1, 11, "max")]
    public void Constructor_OutOfRange_ThrowsNamingTheParameter(int min, int max, string parameter)
    {
        Action act = () => _ = new RfmScoreRange(min, max);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(parameter);
    }

    [Fact]
    public void Exactly_OutOfRange_Throws()
    {
        ((Action)(() => RfmScoreRange.Exactly(0))).Should().Throw<ArgumentOutOfRangeException>();
    }
}
