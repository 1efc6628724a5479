using RelationshipKit.Differentiation.LifetimeValue;

namespace RelationshipKit.Tests.Differentiation.LifetimeValue;

/// <summary>Every model recovers the parameters it was simulated from, within 3 of its own standard errors.</summary>
public sealed class ParameterRecoveryTests
{
    private static void Recovered(IReadOnlyList<ModelParameter> fitted, params double[] truth)
    {
        fitted.Should().HaveCount(truth.Length);
        for (int i = 0; i < truth.Length; i++)
        {
            ModelParameter p = fitted[i];
            p.StandardError.Should().BeGreaterThan(0, p.Name);
            Math.Abs(p.Value - truth[i]).Should().BeLessThan(3 * p.StandardError, $"{p.Name} = {p.Value} should be within 3 se ({p.StandardError}) of {truth[i]}");
            p.Lower.Should().BeLessThan(p.Value);
            p.Upper.Should().BeGreaterThan(p.Value);
        }
    }

    [Fact]
    public void BgNbd_SimulatedPopulation_RecoversParameters()
    {
        var (x, tx, t) = new Samplers(11).BgNbd(4000, 0.25, 4.0, 0.8, 2.5, false, 20, 52);
        BgNbdModel m = BgNbdModel.Fit(x, tx, t, default, TimeUnit.Week, null);
        m.FitReport!.Converged.Should().BeTrue();
        Recovered(m.Parameters, 0.25, 4.0, 0.8, 2.5);
    }

    [Fact]
    public void ModifiedBgNbd_SimulatedPopulation_RecoversParameters()
    {
        var (x, tx, t) = new Samplers(21).BgNbd(4000, 0.5, 6.0, 0.9, 1.6, true, 20, 52);
        ModifiedBgNbdModel m = ModifiedBgNbdModel.Fit(x, tx, t, default, TimeUnit.Week, null);
        Recovered(m.Parameters, 0.5, 6.0, 0.9, 1.6);
    }

    [Fact]
    public void ParetoNbd_SimulatedPopulation_RecoversParameters()
    {
        var (x, tx, t) = new Samplers(13).ParetoNbd(4000, 0.55, 10.5, 0.6, 12.0, 20, 52);
        ParetoNbdModel m = ParetoNbdModel.Fit(x, tx, t, default, TimeUnit.Week, null);
        Recovered(m.Parameters, 0.55, 10.5, 0.6, 12.0);
    }

    [Fact]
    public void ParetoNbd_AlphaMuchLargerThanBeta_RecoversParametersOnTheTransformBranch()
    {
        // alpha ≫ beta puts the hypergeometric argument (alpha − beta)/(alpha + t) above 0.75 for young customers.
        var (x, tx, t) = new Samplers(14).ParetoNbd(3000, 1.5, 40.0, 0.8, 2.0, 1, 30);
        ParetoNbdModel m = ParetoNbdModel.Fit(x, tx, t, default, TimeUnit.Week, null);
        Recovered(m.Parameters, 1.5, 40.0, 0.8, 2.0);
    }

    [Fact]
    public void BgBb_SimulatedPopulation_RecoversParameters()
    {
        var (x, tx, n) = new Samplers(15).BgBb(8000, 1.2, 0.75, 0.66, 2.8, 8);
        BgBbModel m = BgBbModel.Fit(x, tx, n, default, TimeUnit.Year, null);
        Recovered(m.Parameters, 1.2, 0.75, 0.66, 2.8);
    }

    [Fact]
    public void GammaGamma_SimulatedPopulation_RecoversParameters()
    {
        var (x, mean) = new Samplers(16).GammaGamma(4000, 6.0, 4.0, 15.0);
        GammaGammaModel m = GammaGammaModel.Fit(x, mean, default, null);
        Recovered(m.Parameters, 6.0, 4.0, 15.0);
        Math.Abs(m.FrequencySpendCorrelation).Should().BeLessThan(0.1, "spend was simulated independently of frequency");
    }

    [Fact]
    public void ShiftedBetaGeometric_SimulatedCohort_RecoversParameters()
    {
        double[] survivors = new Samplers(17).ShiftedBetaGeometric(5000, 0.7, 1.2, 10);
        ShiftedBetaGeometricModel m = ShiftedBetaGeometricModel.Fit(survivors, TimeUnit.Year);
        Recovered(m.Parameters, 0.7, 1.2);
    }
}
