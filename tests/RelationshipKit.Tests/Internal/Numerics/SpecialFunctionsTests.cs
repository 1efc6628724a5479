using RelationshipKit.Internal.Numerics;

namespace RelationshipKit.Tests.Internal.Numerics;

public sealed class SpecialFunctionsTests
{
    [Theory]
    [InlineData(0.5, 0.57236494292470008707)]
    [InlineData(1.0, 0.0)]
    [InlineData(2.0, 0.0)]
    [InlineData(3.5, 1.20097360234707422482)]
    [InlineData(10.0, 12.80182748008146961121)]
    [InlineData(100.0, 359.13420536957539877604)]
    [InlineData(1e-8, 18.42068073818033)]
    [InlineData(0.243, 1.3180435846996699)]
    public void LogGamma_KnownValues_MatchToFourteenDigits(double x, double expected) =>
        SpecialFunctions.LogGamma(x).Should().BeApproximately(expected, 2e-14 * Math.Max(1, Math.Abs(expected)));

    [Fact]
    public void LogGamma_NegativeArguments_UseReflectionWithSign()
    {
        SpecialFunctions.LogGamma(-0.5, out int sign).Should().BeApproximately(Math.Log(2 * Math.Sqrt(Math.PI)), 1e-14);
        sign.Should().Be(-1);
        SpecialFunctions.Gamma(-1.5).Should().BeApproximately(4 * Math.Sqrt(Math.PI) / 3, 1e-14);
        SpecialFunctions.ReciprocalGamma(-2).Should().Be(0);
        SpecialFunctions.LogGamma(-3, out int poleSign).Should().Be(double.PositiveInfinity);
        poleSign.Should().Be(0);
    }

    [Fact]
    public void LogGamma_Recurrence_HoldsAcrossTheLanczosStirlingSwitch()
    {
        for (double x = 0.1; x < 30; x += 0.37)
        {
            (SpecialFunctions.LogGamma(x + 1) - SpecialFunctions.LogGamma(x)).Should().BeApproximately(Math.Log(x), 1e-13);
        }
    }

    [Theory]
    [InlineData(1.0, -0.57721566490153286061)]
    [InlineData(0.5, -1.96351002602142347944)]
    [InlineData(10.0, 2.25175258906672110764)]
    [InlineData(-0.5, 0.03648997397857652056)]
    [InlineData(100.0, 4.60016185273809779)]
    public void Digamma_KnownValues_MatchToFourteenDigits(double x, double expected) =>
        SpecialFunctions.Digamma(x).Should().BeApproximately(expected, 2e-14 * Math.Max(1, Math.Abs(expected)));

    [Fact]
    public void Trigamma_AtOne_IsPiSquaredOverSix() =>
        SpecialFunctions.Trigamma(1).Should().BeApproximately(Math.PI * Math.PI / 6, 1e-13);

    [Fact]
    public void LogSumExp_LargeArguments_DoesNotOverflow()
    {
        SpecialFunctions.LogSumExp(1000, 1000).Should().BeApproximately(1000 + Math.Log(2), 1e-12);
        SpecialFunctions.LogSumExp([-1000, -1000, -1000]).Should().BeApproximately(-1000 + Math.Log(3), 1e-12);
        SpecialFunctions.LogSumExp(double.NegativeInfinity, double.NegativeInfinity).Should().Be(double.NegativeInfinity);
        SpecialFunctions.LogDiffExp(Math.Log(5), Math.Log(3)).Should().BeApproximately(Math.Log(2), 1e-14);
    }

    [Theory]
    [InlineData(0.975, 1.95996398454005423552)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.001, -3.09023230616781)]
    [InlineData(0.9999, 3.71901648545568)]
    public void NormalQuantile_KnownValues_MatchToTwelveDigits(double p, double expected) =>
        SpecialFunctions.NormalQuantile(p).Should().BeApproximately(expected, 1e-12);

    [Fact]
    public void Erfc_KnownValues_Match()
    {
        SpecialFunctions.Erfc(1).Should().BeApproximately(0.15729920705028513066, 1e-15);
        SpecialFunctions.Erfc(-1).Should().BeApproximately(1.84270079294971486934, 1e-15);
        SpecialFunctions.Erfc(3).Should().BeApproximately(2.2090496998585441e-05, 1e-19);
    }
}
