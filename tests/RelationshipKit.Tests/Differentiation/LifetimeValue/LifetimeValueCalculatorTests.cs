using RelationshipKit.Differentiation.LifetimeValue;

namespace RelationshipKit.Tests.Differentiation.LifetimeValue;

public sealed class LifetimeValueCalculatorTests
{
    private static readonly BgNbdModel Weekly = new(0.243, 4.414, 0.793, 2.426, TimeUnit.Week);
    private static readonly GammaGammaModel Spend = new(6.25, 3.74, 15.44);

    [Fact]
    public void LifetimeValue_MonthlyRateOnWeeklyModel_EqualsTheEquivalentWeeklyRate()
    {
        var monthly = new LifetimeValueCalculator(Weekly, Spend, Horizon.Years(1), DiscountRate.PerMonth(0.01), 0.3);
        double weeklyRate = Math.Pow(1.01, 7 / (365.25 / 12)) - 1;
        var weekly = new LifetimeValueCalculator(Weekly, Spend, Horizon.Years(1), DiscountRate.PerWeek(weeklyRate), 0.3);
        double a = monthly.LifetimeValue(2, 30.43, 38.86, 22.35);
        a.Should().BeApproximately(weekly.LifetimeValue(2, 30.43, 38.86, 22.35), 1e-10 * a);
        a.Should().BeGreaterThan(0);
    }

    [Fact]
    public void LifetimeValue_NoDiscount_IsMarginTimesSpendTimesExpectedPurchases()
    {
        var c = new LifetimeValueCalculator(Weekly, Spend, Horizon.Weeks(39.5), DiscountRate.Zero, 0.25);
        double expected = 0.25 * Spend.ConditionalExpectedSpend(2, 22.35) * Weekly.ExpectedPurchases(Horizon.Weeks(39.5), 2, 30.43, 38.86);
        c.LifetimeValue(2, 30.43, 38.86, 22.35).Should().BeApproximately(expected, 1e-10 * expected);
    }

    [Fact]
    public void LifetimeValue_Discounting_LowersValueAndModelUnitIsIrrelevant()
    {
        var plain = new LifetimeValueCalculator(Weekly, null, Horizon.Years(2), DiscountRate.Zero, 1);
        var discounted = new LifetimeValueCalculator(Weekly, null, Horizon.Years(2), DiscountRate.PerYear(0.15), 1);
        discounted.LifetimeValue(3, 20, 38, 40).Should().BeLessThan(plain.LifetimeValue(3, 20, 38, 40));
        discounted.ExpectedSpend(3, 40).Should().Be(40);

        // The same customer described in days by a daily model with the same behaviour (alpha in days) is valued alike
        // up to the step discretisation (daily vs weekly discounting steps).
        var daily = new BgNbdModel(0.243, 4.414 * 7, 0.793, 2.426, TimeUnit.Day);
        var dailyCalc = new LifetimeValueCalculator(daily, null, Horizon.Years(2), DiscountRate.PerYear(0.15), 1);
        double w = discounted.LifetimeValue(3, 20, 38, 40), d = dailyCalc.LifetimeValue(3, 20 * 7, 38 * 7, 40);
        d.Should().BeApproximately(w, 0.01 * w);
    }

    [Fact]
    public void Span_MatchesScalar()
    {
        var c = new LifetimeValueCalculator(Weekly, Spend, Horizon.Weeks(26), DiscountRate.PerYear(0.1), 0.3);
        double[] x = [0, 1, 4], tx = [0, 10, 30], t = [20, 30, 35], m = [0, 12, 80];
        var dest = new double[3];
        c.LifetimeValue(x, tx, t, m, dest);
        for (int i = 0; i < 3; i++)
        {
            dest[i].Should().Be(c.LifetimeValue(x[i], tx[i], t[i], m[i]));
        }
    }

    [Fact]
    public void LifetimeValueInterval_FittedModels_ContainsTheEstimate()
    {
        var (x, tx, t) = new Samplers(9).BgNbd(1200, 0.25, 4.0, 0.8, 2.5, false, 20, 52);
        BgNbdModel bg = BgNbdModel.Fit(x, tx, t, default, TimeUnit.Week, null);
        var (gx, gm) = new Samplers(10).GammaGamma(800, 6, 4, 15);
        GammaGammaModel gg = GammaGammaModel.Fit(gx, gm, default, null);
        var c = new LifetimeValueCalculator(bg, gg, Horizon.Years(1), DiscountRate.PerYear(0.1), 0.3);
        PredictionInterval i = c.LifetimeValueInterval(3, 30, 40, 25, 0.95);
        i.Estimate.Should().BeApproximately(c.LifetimeValue(3, 30, 40, 25), 1e-10 * i.Estimate);
        i.Lower.Should().BeLessThan(i.Estimate);
        i.Upper.Should().BeGreaterThan(i.Estimate);
        var noSpend = new LifetimeValueCalculator(bg, null, Horizon.Years(1), DiscountRate.PerYear(0.1), 0.3);
        PredictionInterval j = noSpend.LifetimeValueInterval(3, 30, 40, 25, 0.95);
        (j.Upper / j.Lower).Should().BeLessThan(i.Upper / i.Lower, "spend uncertainty widens the interval");
    }

    [Fact]
    public void Methods_InvalidArguments_Throw()
    {
        FluentActions.Invoking(() => new LifetimeValueCalculator(null!, null, Horizon.Years(1), DiscountRate.Zero, 1)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new LifetimeValueCalculator(Weekly, null, Horizon.Years(1), DiscountRate.Zero, double.NaN)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("margin");
        FluentActions.Invoking(() => new LifetimeValueCalculator(Weekly, null, Horizon.Years(5000), DiscountRate.Zero, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("horizon");
        FluentActions.Invoking(() => new LifetimeValueCalculator(new BgBbModel(1, 1, 1, 1, TimeUnit.Year), null, Horizon.Months(5), DiscountRate.Zero, 1)).Should().Throw<ArgumentException>().WithParameterName("horizon");
        var c = new LifetimeValueCalculator(Weekly, Spend, Horizon.Years(1), DiscountRate.Zero, 1);
        FluentActions.Invoking(() => c.LifetimeValue(-1, 0, 1, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("frequency");
        FluentActions.Invoking(() => c.LifetimeValue(2, 1, 3, -4)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("monetaryValue");
        FluentActions.Invoking(() => c.LifetimeValue(new double[2], new double[2], new double[2], new double[1], new double[2])).Should().Throw<ArgumentException>().WithParameterName("monetaryValue");
        FluentActions.Invoking(() => c.LifetimeValueInterval(1, 1, 3, 5, 0.95)).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => c.LifetimeValueInterval(1, 1, 3, 5, 2)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("confidenceLevel");
        FluentActions.Invoking(() => new LifetimeValueCalculator(Weekly, null, Horizon.Years(1), DiscountRate.Zero, 1).ExpectedSpend(1, double.NaN)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
