using RelationshipKit.Differentiation.LifetimeValue;

namespace RelationshipKit.Tests.Differentiation.LifetimeValue;

/// <summary>Issue 4: parametric-bootstrap intervals (draws from the asymptotic normal of the log-parameters).</summary>
public sealed class ParametricBootstrapTests
{
    private static readonly Lazy<BgNbdModel> Fitted = new(() =>
    {
        var (x, tx, t) = new Samplers(11).BgNbd(3000, 0.25, 4.0, 0.8, 2.5, false, 20, 52);
        return BgNbdModel.Fit(x, tx, t, default, TimeUnit.Week, null);
    });

    [Fact]
    public void Intervals_SimulatedPopulations_CoverTheTrueValueInAPlausibleShare()
    {
        // 40 populations simulated from known BG/NBD parameters, each fitted; the 90 % intervals of P(alive) and E[X(39)]
        // for a fixed customer should contain the value at the true parameters about 36 times in 40 (binomial sd 1.9).
        var truth = new BgNbdModel(0.25, 4.0, 0.8, 2.5, TimeUnit.Week);
        double trueAlive = truth.ProbabilityAlive(2, 30.43, 38.86);
        double trueExpected = truth.ExpectedPurchases(Horizon.Weeks(39), 2, 30.43, 38.86);
        int aliveCovered = 0, expectedCovered = 0;
        const int Repetitions = 40;
        for (int rep = 0; rep < Repetitions; rep++)
        {
            var (x, tx, t) = new Samplers(1000 + rep).BgNbd(2000, 0.25, 4.0, 0.8, 2.5, false, 20, 52);
            BgNbdModel m = BgNbdModel.Fit(x, tx, t, default, TimeUnit.Week, null);
            PredictionInterval alive = ParametricBootstrap.ProbabilityAlive(m, 2, 30.43, 38.86, 0.9, 400, (ulong)rep);
            PredictionInterval expected = ParametricBootstrap.ExpectedPurchases(m, Horizon.Weeks(39), 2, 30.43, 38.86, 0.9, 400, (ulong)rep);
            aliveCovered += alive.Lower <= trueAlive && trueAlive <= alive.Upper ? 1 : 0;
            expectedCovered += expected.Lower <= trueExpected && trueExpected <= expected.Upper ? 1 : 0;
        }

        aliveCovered.Should().BeInRange(30, 40);
        expectedCovered.Should().BeInRange(30, 40);
    }

    [Fact]
    public void ExpectedPurchases_SameSeed_IsIdenticalAndOtherSeedDiffers()
    {
        BgNbdModel m = Fitted.Value;
        PredictionInterval a = ParametricBootstrap.ExpectedPurchases(m, Horizon.Weeks(39), 2, 30.43, 38.86, 0.9, 500, 42);
        PredictionInterval b = ParametricBootstrap.ExpectedPurchases(m, Horizon.Weeks(39), 2, 30.43, 38.86, 0.9, 500, 42);
        PredictionInterval c = ParametricBootstrap.ExpectedPurchases(m, Horizon.Weeks(39), 2, 30.43, 38.86, 0.9, 500, 43);
        b.Should().Be(a);
        c.Lower.Should().NotBe(a.Lower);
        a.Estimate.Should().Be(m.ExpectedPurchases(Horizon.Weeks(39), 2, 30.43, 38.86));
        a.Lower.Should().BeLessThan(a.Estimate);
        a.Upper.Should().BeGreaterThan(a.Estimate);
    }

    [Fact]
    public void Intervals_LargeSample_AgreeWithTheDeltaMethod()
    {
        // With 3,000 customers the sampling distribution is close to normal, so both methods should give similar bounds.
        BgNbdModel m = Fitted.Value;
        PredictionInterval boot = ParametricBootstrap.ProbabilityAlive(m, 2, 30.43, 38.86, 0.9, 4000, 1);
        PredictionInterval delta = m.ProbabilityAliveInterval(2, 30.43, 38.86, 0.9);
        double width = delta.Upper - delta.Lower;
        boot.Lower.Should().BeApproximately(delta.Lower, 0.2 * width);
        boot.Upper.Should().BeApproximately(delta.Upper, 0.2 * width);
        PredictionInterval bootX = ParametricBootstrap.ExpectedPurchases(m, Horizon.Weeks(39), 2, 30.43, 38.86, 0.9, 4000, 1);
        PredictionInterval deltaX = m.ExpectedPurchasesInterval(Horizon.Weeks(39), 2, 30.43, 38.86, 0.9);
        double widthX = deltaX.Upper - deltaX.Lower;
        bootX.Lower.Should().BeApproximately(deltaX.Lower, 0.2 * widthX);
        bootX.Upper.Should().BeApproximately(deltaX.Upper, 0.2 * widthX);
    }

    [Fact]
    public void LifetimeValue_FittedModels_BracketsTheEstimateAndAgreesWithTheDeltaMethod()
    {
        BgNbdModel m = Fitted.Value;
        var s = new Samplers(12);
        var (x, spend) = s.GammaGamma(1500, 6.25, 3.74, 15.44);
        GammaGammaModel g = GammaGammaModel.Fit(x, spend, default, null);
        var calculator = new LifetimeValueCalculator(m, g, Horizon.Weeks(52), DiscountRate.PerYear(0.1), 0.3);
        PredictionInterval boot = ParametricBootstrap.LifetimeValue(calculator, 2, 30.43, 38.86, 40, 0.9, 2000, 5);
        PredictionInterval delta = calculator.LifetimeValueInterval(2, 30.43, 38.86, 40, 0.9);
        boot.Estimate.Should().BeApproximately(calculator.LifetimeValue(2, 30.43, 38.86, 40), 1e-9 * boot.Estimate);
        boot.Lower.Should().BeLessThan(boot.Estimate);
        boot.Upper.Should().BeGreaterThan(boot.Estimate);
        double width = delta.Upper - delta.Lower;
        boot.Lower.Should().BeApproximately(delta.Lower, 0.25 * width);
        boot.Upper.Should().BeApproximately(delta.Upper, 0.25 * width);
    }

    [Fact]
    public void Methods_InvalidArguments_ThrowNamingThem()
    {
        BgNbdModel m = Fitted.Value;
        FluentActions.Invoking(() => ParametricBootstrap.ProbabilityAlive(null!, 1, 1, 2, 0.9, 100, 1)).Should().Throw<ArgumentNullException>().WithParameterName("model");
        FluentActions.Invoking(() => ParametricBootstrap.ExpectedPurchases(null!, Horizon.Weeks(1), 1, 1, 2, 0.9, 100, 1)).Should().Throw<ArgumentNullException>().WithParameterName("model");
        FluentActions.Invoking(() => ParametricBootstrap.LifetimeValue(null!, 1, 1, 2, 10, 0.9, 100, 1)).Should().Throw<ArgumentNullException>().WithParameterName("calculator");
        FluentActions.Invoking(() => ParametricBootstrap.ProbabilityAlive(m, 1, 1, 2, 1.0, 100, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("confidenceLevel");
        FluentActions.Invoking(() => ParametricBootstrap.ProbabilityAlive(m, 1, 1, 2, 0.9, 10, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("draws");
        FluentActions.Invoking(() => ParametricBootstrap.ExpectedPurchases(m, Horizon.Weeks(1), 1, 3, 2, 0.9, 100, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("t");
        var known = new BgNbdModel(0.25, 4, 0.8, 2.5, TimeUnit.Week);
        FluentActions.Invoking(() => ParametricBootstrap.ProbabilityAlive(known, 1, 1, 2, 0.9, 100, 1)).Should().Throw<InvalidOperationException>();
    }
}
