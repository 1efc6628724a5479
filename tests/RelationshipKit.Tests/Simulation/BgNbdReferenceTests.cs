namespace RelationshipKit.Tests.Simulation;

/// <summary>Checks the test's own closed forms against independent identities, so that a wrong reference cannot make the simulator tests pass.</summary>
public sealed class BgNbdReferenceTests
{
    [Fact]
    public void Hypergeometric2F1_KnownIdentities_Hold()
    {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z.
        BgNbdReference.Hypergeometric2F1(1, 1, 2, 0.5).Should().BeApproximately(-Math.Log(0.5) / 0.5, 1e-12);

        // 2F1(a, b; b; z) = (1 - z)^-a.
        BgNbdReference.Hypergeometric2F1(0.7, 2.3, 2.3, 0.9).Should().BeApproximately(Math.Pow(0.1, -0.7), 1e-9);
    }

    [Fact]
    public void ExpectedRepeatPurchases_SmallT_IsRateTimesT()
    {
        // For small t nobody has dropped out yet, so E[X(t)] ~ E[lambda] t = r/alpha t.
        double t = 1e-4;
        BgNbdReference.ExpectedRepeatPurchases(t, 0.243, 4.414, 0.793, 2.426).Should().BeApproximately(0.243 / 4.414 * t, 1e-8);
    }

    [Theory]
    [InlineData(10.0)]
    [InlineData(39.0)]
    [InlineData(78.0)]
    public void ExpectedRepeatPurchases_CdnowParameters_AgreesWithNumericIntegration(double t)
    {
        double expected = BgNbdReference.ExpectedRepeatPurchases(t, 0.243, 4.414, 0.793, 2.426);
        expected.Should().BeApproximately(NumericExpectation(t, 0.243, 4.414, 0.793, 2.426), 1e-4);
    }

    // An independent route to E[X(t)]: given lambda and p, E[X(t)] = (1 - exp(-lambda p t)) / p; averaging over
    // lambda ~ Gamma(r, alpha) gives (1 - (alpha / (alpha + p t))^r) / p; that is integrated over p ~ Beta(a, b)
    // with the substitution p = u^(1/a), which removes the p^(a-1) singularity, and a midpoint rule.
    private static double NumericExpectation(double t, double r, double alpha, double a, double b)
    {
        const int M = 20_000;
        double sum = 0;
        double normaliser = 0;
        for (int i = 0; i < M; i++)
        {
            double p = Math.Pow((i + 0.5) / M, 1 / a);
            double weight = Math.Pow(1 - p, b - 1);
            sum += weight * (1 - Math.Pow(alpha / (alpha + (p * t)), r)) / p;
            normaliser += weight;
        }

        return sum / normaliser;
    }
}
