using RelationshipKit.Internal.Numerics;

namespace RelationshipKit.Tests.Internal.Numerics;

public sealed class HypergeometricTests
{
    private static void Close(double actual, double expected, double relative = 1e-12) =>
        actual.Should().BeApproximately(expected, relative * Math.Max(1e-300, Math.Abs(expected)));

    [Theory]
    [InlineData(-50)]
    [InlineData(-5)]
    [InlineData(-0.9)]
    [InlineData(-0.3)]
    [InlineData(0.2)]
    [InlineData(0.6)]
    [InlineData(0.76)]
    [InlineData(0.8)]
    [InlineData(0.95)]
    [InlineData(0.999)]
    [InlineData(0.999999)]
    public void Hyp2F1_OneOneTwo_IsMinusLogOneMinusZOverZ(double z) =>
        Close(Hypergeometric.Hyp2F1(1, 1, 2, z), -Math.Log(1 - z) / z);

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    [InlineData(0.999)]
    public void Hyp2F1_HalfHalfThreeHalves_IsArcsin(double x) =>
        Close(Hypergeometric.Hyp2F1(0.5, 0.5, 1.5, x * x), Math.Asin(x) / x);

    [Theory]
    [InlineData(0.3)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(1000)]
    public void Hyp2F1_NegativeArgument_IsArctan(double x) =>
        Close(Hypergeometric.Hyp2F1(0.5, 1, 1.5, -x * x), Math.Atan(x) / x);

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void Hyp2F1_HalfOneThreeHalves_IsArtanh(double x) =>
        Close(Hypergeometric.Hyp2F1(0.5, 1, 1.5, x * x), Math.Atanh(x) / x);

    [Theory]
    [InlineData(0.5, 2.0, 0.3)]
    [InlineData(2.0, 0.7, 0.9)]
    [InlineData(1.3, 4.5, -3)]
    public void Hyp2F1_CEqualsB_IsPowerOfOneMinusZ(double a, double b, double z) =>
        Close(Hypergeometric.Hyp2F1(a, b, b, z), Math.Pow(1 - z, -a));

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.85)]
    [InlineData(0.99)]
    [InlineData(0.9999)]
    public void Hyp2F1_OneOneThree_MatchesClosedForm(double z) =>
        Close(Hypergeometric.Hyp2F1(1, 1, 3, z), 2 * (z + ((1 - z) * Math.Log(1 - z))) / (z * z), 1e-11);

    [Theory]
    [InlineData(0.3, 0.7, 2.5)]
    [InlineData(1.5, 2.0, 5.25)]
    [InlineData(-0.5, 0.25, 1.0)]
    public void Hyp2F1_AtOne_IsGaussTheorem(double a, double b, double c) =>
        Close(Hypergeometric.Hyp2F1(a, b, c, 1), SpecialFunctions.Gamma(c) * SpecialFunctions.Gamma(c - a - b) / (SpecialFunctions.Gamma(c - a) * SpecialFunctions.Gamma(c - b)));

    [Theory]
    [InlineData(3, 0.3)]
    [InlineData(5, -0.7)]
    [InlineData(8, 0.95)]
    public void Hyp2F1_TerminatingSeries_IsLegendrePolynomial(int n, double x)
    {
        // P_n(x) = 2F1(−n, n+1; 1; (1−x)/2), compared with Bonnet's recursion.
        double p0 = 1, p1 = x;
        for (int k = 1; k < n; k++)
        {
            (p0, p1) = (p1, (((2 * k) + 1) * x * p1 - (k * p0)) / (k + 1));
        }

        Close(Hypergeometric.Hyp2F1(-n, n + 1, 1, (1 - x) / 2), p1, 1e-12);
    }

    public static TheoryData<double, double, double, double> TransformCases() => new()
    {
        // Non-integer, integer (0, positive, negative) and near-integer c − a − b, and z past the series limit.
        { 0.553, 1.606, 2.159, 0.9 },
        { 1.2, 2.3, 4.5, 0.8 },
        { 1.2, 2.3, 3.5, 0.85 },
        { 1.5, 2.5, 2.0, 0.9 },
        { 0.7, 1.3, 0.0 + 2.0 + 1e-6, 0.8 },
        { 0.7, 1.3, 2.0 - 3e-5, 0.9 },
        { 0.25, 0.5, 5.75, 0.93 },
        { 2.5, 3.0, 1.5, 0.8 },
        { 31.2, 1.6, 32.2, 0.85 },
        { 0.243, 2.426, 2.219, 0.9 },
    };

    [Theory]
    [MemberData(nameof(TransformCases))]
    public void Hyp2F1_OneMinusZTransforms_AgreeWithTheDirectSeries(double a, double b, double c, double z) =>
        Close(Hypergeometric.Hyp2F1(a, b, c, z), Hypergeometric.Series(a, b, c, z), 1e-11);

    [Theory]
    [InlineData(0.5, 1.5, 2.0, -0.6)]
    [InlineData(2.2, 0.4, 1.7, -0.9)]
    public void Hyp2F1_PfaffTransform_AgreesWithTheDirectSeries(double a, double b, double c, double z) =>
        Close(Hypergeometric.Hyp2F1(a, b, c, z), Hypergeometric.Series(a, b, c, z), 1e-12);

    [Theory]
    [InlineData(1.5, 0.6, 0.05)]
    [InlineData(31.2, 1.6, 0.4)]
    [InlineData(2.0, 3.0, 0.7)]
    [InlineData(0.8, 1.9, 0.9)]
    public void Hyp2F1APlusOne_Derivatives_MatchCentralDifferences(double a, double b, double z)
    {
        double f = Hypergeometric.Hyp2F1APlusOne(a, b, z, out double da, out double db, out double dz);
        Close(f, Hypergeometric.Hyp2F1(a, b, a + 1, z), 1e-12);
        const double h = 1e-6;
        double fa = (Hypergeometric.Hyp2F1(a + h, b, a + h + 1, z) - Hypergeometric.Hyp2F1(a - h, b, a - h + 1, z)) / (2 * h);
        double fb = (Hypergeometric.Hyp2F1(a, b + h, a + 1, z) - Hypergeometric.Hyp2F1(a, b - h, a + 1, z)) / (2 * h);
        double fz = (Hypergeometric.Hyp2F1(a, b, a + 1, z + h) - Hypergeometric.Hyp2F1(a, b, a + 1, z - h)) / (2 * h);
        da.Should().BeApproximately(fa, 1e-6 * Math.Max(1, Math.Abs(fa)));
        db.Should().BeApproximately(fb, 1e-6 * Math.Max(1, Math.Abs(fb)));
        dz.Should().BeApproximately(fz, 1e-6 * Math.Max(1, Math.Abs(fz)));
    }

    [Fact]
    public void Hyp2F1_InvalidArguments_ReturnNaNOrInfinity()
    {
        Hypergeometric.Hyp2F1(1, 1, -2, 0.5).Should().Be(double.NaN);
        Hypergeometric.Hyp2F1(1, 1, 2, 1.5).Should().Be(double.NaN);
        Hypergeometric.Hyp2F1(1, 1, 2, 1).Should().Be(double.PositiveInfinity);
        Hypergeometric.Hyp2F1(1, 1, 2, 0).Should().Be(1);
    }
}
