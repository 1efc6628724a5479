using RelationshipKit.Differentiation.LifetimeValue;
using RelationshipKit.Internal.Numerics;

namespace RelationshipKit.Tests.Differentiation.LifetimeValue;

/// <summary>
/// Issue 4: DERT of the Pareto/NBD (ParetoNbdModel.DiscountedExpectedResidualPurchases) and the DERT-based lifetime value.
/// Reference values: Fader, Hardie &amp; Lee (2005, JMR) closed form P(alive) (r+x)/(α+T) (β+T)^s δ^(s−1) U(s, s; δ(β+T)),
/// evaluated independently with mpmath 1.3 at 30 significant digits (hyperu, hyp2f1), for the published CDNOW parameters
/// r = 0.553, α = 10.578, s = 0.606, β = 11.669 and 15 % a year (δ = ln 1.15 × 7 / 365.25 per week).
/// </summary>
public sealed class DiscountedResidualPurchasesTests
{
    private static readonly ParetoNbdModel Pareto = new(0.553, 10.578, 0.606, 11.669, TimeUnit.Week);

    [Theory]
    [InlineData(2, 30.43, 38.86, 6.5152715444731304686)]
    [InlineData(0, 0, 38.86, 0.47945414246455292632)]
    [InlineData(10, 35, 38.86, 28.733559127941198079)]
    [InlineData(1, 2, 30, 1.2902602636820311305)]
    public void DiscountedExpectedResidualPurchases_CdnowParameters_MatchesTheConfluentHypergeometricClosedForm(double x, double tx, double t, double mpmath) =>
        Pareto.DiscountedExpectedResidualPurchases(DiscountRate.PerYear(0.15), x, tx, t).Should().BeApproximately(mpmath, 1e-10 * mpmath);

    [Theory]
    [InlineData(0.606, 0.15, 2.697918434728605454)]
    [InlineData(1.5, 0.001, 1.8917906875127514895)]
    [InlineData(0.3, 5, 0.19021774034547952015)]
    [InlineData(2.0, 0.1, 0.79853574552915482534)]
    [InlineData(1.0, 0.05, 2.5944303497606132733)]
    [InlineData(0.606, 1e-5, 207.7084603950375931)]
    public void ScaledExponentialIntegral_AcrossOrdersAndArguments_MatchesMpmath(double s, double z, double mpmath) =>
        ParetoNbdKernels.ScaledExponentialIntegral(s, z).Should().BeApproximately(mpmath, 1e-11 * mpmath);

    [Fact]
    public void DiscountedExpectedResidualPurchases_DailyDiscreteSumOverCenturies_Agrees()
    {
        // The same model in days (rates scale: alpha and beta × 7); the discrete-step calculator discounts each day's
        // expected purchases at the day's end, so it sits about δ/2 per day (0.02 %) below the continuous DERT.
        var daily = new ParetoNbdModel(0.553, 10.578 * 7, 0.606, 11.669 * 7, TimeUnit.Day);
        var calculator = new LifetimeValueCalculator(daily, null, Horizon.Days(100_000), DiscountRate.PerYear(0.15), 1);
        double discrete = calculator.DiscountedExpectedPurchases(2 * 1.0, 30.43 * 7, 38.86 * 7);
        double dert = daily.DiscountedExpectedResidualPurchases(DiscountRate.PerYear(0.15), 2, 30.43 * 7, 38.86 * 7);
        dert.Should().BeApproximately(discrete, 1e-3 * dert);
        dert.Should().BeApproximately(Pareto.DiscountedExpectedResidualPurchases(DiscountRate.PerYear(0.15), 2, 30.43, 38.86), 1e-10 * dert);
    }

    [Fact]
    public void DiscountedExpectedResidualPurchases_ZeroRate_IsTheUndiscountedLimit()
    {
        var finite = new ParetoNbdModel(0.553, 10.578, 3.0, 11.669, TimeUnit.Week);
        double limit = finite.DiscountedExpectedResidualPurchases(DiscountRate.Zero, 2, 30.43, 38.86);
        limit.Should().BeApproximately(finite.ExpectedPurchases(Horizon.Weeks(1e9), 2, 30.43, 38.86), 1e-6 * limit);
        Pareto.DiscountedExpectedResidualPurchases(DiscountRate.Zero, 2, 30.43, 38.86).Should().Be(double.PositiveInfinity);
    }

    [Fact]
    public void DiscountedExpectedResidualPurchases_HigherRate_IsLower()
    {
        double low = Pareto.DiscountedExpectedResidualPurchases(DiscountRate.PerYear(0.05), 2, 30.43, 38.86);
        double high = Pareto.DiscountedExpectedResidualPurchases(DiscountRate.PerYear(0.30), 2, 30.43, 38.86);
        high.Should().BeLessThan(low);
        Pareto.DiscountedExpectedResidualPurchases(DiscountRate.PerMonth(Math.Pow(1.15, 1.0 / 12) - 1), 2, 30.43, 38.86)
            .Should().BeApproximately(Pareto.DiscountedExpectedResidualPurchases(DiscountRate.PerYear(0.15), 2, 30.43, 38.86), 1e-10);
    }

    [Fact]
    public void DiscountedExpectedResidualPurchases_Spans_MatchScalarCalls()
    {
        double[] x = [0, 2, 10, 1], tx = [0, 30.43, 35, 2], t = [38.86, 38.86, 38.86, 30];
        var destination = new double[4];
        Pareto.DiscountedExpectedResidualPurchases(DiscountRate.PerYear(0.15), x, tx, t, destination);
        for (int i = 0; i < 4; i++)
        {
            destination[i].Should().Be(Pareto.DiscountedExpectedResidualPurchases(DiscountRate.PerYear(0.15), x[i], tx[i], t[i]));
        }
    }

    [Fact]
    public void DiscountedExpectedResidualPurchases_InvalidArguments_ThrowNamingThem()
    {
        DiscountRate d = DiscountRate.PerYear(0.1);
        FluentActions.Invoking(() => Pareto.DiscountedExpectedResidualPurchases(d, -1, 0, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("frequency");
        FluentActions.Invoking(() => Pareto.DiscountedExpectedResidualPurchases(d, 1, 2, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("t");
        FluentActions.Invoking(() => Pareto.DiscountedExpectedResidualPurchases(d, new double[2], new double[2], new double[1], new double[2])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Pareto.DiscountedExpectedResidualPurchases(d, [1.0], [2.0], [1.0], new double[1])).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void ContinuousRateIn_FifteenPercentAYear_IsTheWeeklyForceOfInterest()
    {
        DiscountRate.PerYear(0.15).ContinuousRateIn(TimeUnit.Week).Should().BeApproximately(Math.Log(1.15) * 7 / 365.25, 1e-15);
        DiscountRate.Zero.ContinuousRateIn(TimeUnit.Day).Should().Be(0);
        FluentActions.Invoking(() => DiscountRate.PerYear(0.1).ContinuousRateIn((TimeUnit)99)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void ResidualLifetimeValue_ParetoModel_IsMarginTimesSpendTimesDert()
    {
        var spend = new GammaGammaModel(6.25, 3.74, 15.44);
        var calculator = new LifetimeValueCalculator(Pareto, spend, Horizon.Weeks(52), DiscountRate.PerYear(0.15), 0.3);
        double expected = 0.3 * spend.ConditionalExpectedSpend(2, 40) * Pareto.DiscountedExpectedResidualPurchases(DiscountRate.PerYear(0.15), 2, 30.43, 38.86);
        calculator.ResidualLifetimeValue(2, 30.43, 38.86, 40).Should().BeApproximately(expected, 1e-12 * expected);
        calculator.ResidualLifetimeValue(2, 30.43, 38.86, 40).Should().BeGreaterThan(calculator.LifetimeValue(2, 30.43, 38.86, 40), "an unbounded horizon values more than one year");
    }

    [Fact]
    public void ResidualLifetimeValue_NotParetoModel_Throws()
    {
        var calculator = new LifetimeValueCalculator(new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week), null, Horizon.Weeks(52), DiscountRate.PerYear(0.15), 0.3);
        FluentActions.Invoking(() => calculator.ResidualLifetimeValue(2, 30.43, 38.86, 40)).Should().Throw<InvalidOperationException>().WithMessage("*Pareto/NBD*");
    }
}
