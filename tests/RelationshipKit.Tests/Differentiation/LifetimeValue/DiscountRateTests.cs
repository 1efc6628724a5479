using RelationshipKit.Differentiation.LifetimeValue;

namespace RelationshipKit.Tests.Differentiation.LifetimeValue;

public sealed class DiscountRateTests
{
    [Fact]
    public void In_CompoundsBetweenPeriods()
    {
        DiscountRate.PerYear(0.1).In(TimeUnit.Year).Should().Be(0.1);
        DiscountRate.PerMonth(0.01).In(TimeUnit.Year).Should().BeApproximately(Math.Pow(1.01, 12) - 1, 1e-14);
        DiscountRate.PerYear(0.1).In(TimeUnit.Week).Should().BeApproximately(Math.Pow(1.1, 7 / 365.25) - 1, 1e-15);
        DiscountRate.PerDay(0).In(TimeUnit.Year).Should().Be(0);
    }

    [Fact]
    public void DiscountFactor_IsConsistentAcrossUnits()
    {
        DiscountRate d = DiscountRate.PerYear(0.1);
        d.DiscountFactor(1, TimeUnit.Year).Should().BeApproximately(1 / 1.1, 1e-15);
        d.DiscountFactor(365.25, TimeUnit.Day).Should().BeApproximately(1 / 1.1, 1e-14);
        d.DiscountFactor(0, TimeUnit.Week).Should().Be(1);
        FluentActions.Invoking(() => d.DiscountFactor(double.NaN, TimeUnit.Week)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("length");
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_InvalidRate_Throws(double rate) =>
        FluentActions.Invoking(() => new DiscountRate(rate, TimeUnit.Year)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(rate));

    [Fact]
    public void Constructor_UnknownPeriod_Throws() =>
        FluentActions.Invoking(() => new DiscountRate(0.1, (TimeUnit)7)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("period");
}
