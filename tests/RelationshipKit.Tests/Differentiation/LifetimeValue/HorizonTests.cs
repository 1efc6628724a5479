using RelationshipKit.Differentiation.LifetimeValue;

namespace RelationshipKit.Tests.Differentiation.LifetimeValue;

public sealed class HorizonTests
{
    [Fact]
    public void In_ConvertsWithFixedUnitLengths()
    {
        Horizon.Years(1).In(TimeUnit.Week).Should().BeApproximately(365.25 / 7, 1e-12);
        Horizon.Weeks(2).In(TimeUnit.Day).Should().Be(14);
        Horizon.Months(12).In(TimeUnit.Year).Should().BeApproximately(1, 1e-15);
        Horizon.Days(3).In(TimeUnit.Day).Should().Be(3);
        Horizon.Weeks(39).ToString().Should().Contain("39");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_InvalidLength_Throws(double length) =>
        FluentActions.Invoking(() => new Horizon(length, TimeUnit.Day)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(length));

    [Fact]
    public void Constructor_UnknownUnit_Throws() =>
        FluentActions.Invoking(() => new Horizon(1, (TimeUnit)9)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("unit");
}
