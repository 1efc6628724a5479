namespace RelationshipKit.Tests;

public sealed class TimeUnitExtensionsTests
{
    [Theory]
    [InlineData(TimeUnit.Day, 1d)]
    [InlineData(TimeUnit.Week, 7d)]
    [InlineData(TimeUnit.Month, 30.4375)]
    [InlineData(TimeUnit.Year, 365.25)]
    public void GetDays_EachUnit_IsItsFixedLength(TimeUnit unit, double days)
    {
        unit.GetDays().Should().Be(days);
        unit.GetTicks().Should().Be(days * 864_000_000_000d);
    }

    [Fact]
    public void GetDays_Month_IsAYearOverTwelve()
    {
        TimeUnit.Month.GetDays().Should().Be(365.25 / 12);
        (TimeUnit.Month.GetDays() * 12).Should().Be(TimeUnit.Year.GetDays());
    }

    [Theory]
    [InlineData(TimeUnit.Day, 3.5, 3.5)]
    [InlineData(TimeUnit.Week, 14, 2)]
    [InlineData(TimeUnit.Month, 30.4375 * 3, 3)]
    [InlineData(TimeUnit.Year, 730.5, 2)]
    public void FromTimeSpan_ConvertsDaysToUnits(TimeUnit unit, double days, double expected) =>
        unit.FromTimeSpan(TimeSpan.FromDays(days)).Should().BeApproximately(expected, 1e-12);

    [Fact]
    public void FromTimeSpan_Negative_GivesNegativeUnits() =>
        TimeUnit.Week.FromTimeSpan(TimeSpan.FromDays(-7)).Should().Be(-1);

    [Theory]
    [InlineData(TimeUnit.Day, 1.5, 36d)]
    [InlineData(TimeUnit.Week, 2, 336d)]
    [InlineData(TimeUnit.Month, 1, 730.5d)]
    [InlineData(TimeUnit.Year, 0.5, 4383d)]
    public void ToTimeSpan_ConvertsUnitsToHours(TimeUnit unit, double units, double hours) =>
        unit.ToTimeSpan(units).Should().Be(TimeSpan.FromHours(hours));

    [Theory]
    [InlineData(TimeUnit.Day)]
    [InlineData(TimeUnit.Week)]
    [InlineData(TimeUnit.Month)]
    [InlineData(TimeUnit.Year)]
    public void ToTimeSpan_RoundTripsFromTimeSpan(TimeUnit unit)
    {
        TimeSpan span = TimeSpan.FromDays(123.456789);
        unit.ToTimeSpan(unit.FromTimeSpan(span)).Should().BeCloseTo(span, TimeSpan.FromTicks(1));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void ToTimeSpan_NotFinite_ThrowsNamingUnits(double units)
    {
        Action act = () => TimeUnit.Day.ToTimeSpan(units);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("units");
    }

    [Theory]
    [InlineData(1e9)]
    [InlineData(-1e9)]
    public void ToTimeSpan_TooLarge_ThrowsNamingUnits(double units)
    {
        Action act = () => TimeUnit.Year.ToTimeSpan(units);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("units");
    }

    [Fact]
    public void UndefinedUnit_ThrowsNamingUnit()
    {
        var unit = (TimeUnit)42;
        unit.Invoking(u => u.GetDays()).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("unit");
        unit.Invoking(u => u.GetTicks()).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("unit");
        unit.Invoking(u => u.FromTimeSpan(TimeSpan.FromDays(1))).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("unit");
        unit.Invoking(u => u.ToTimeSpan(1)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("unit");
    }
}
