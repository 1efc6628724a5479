using CsCheck;
using RelationshipKit.Internal;

namespace RelationshipKit.Tests.Internal;

public sealed class DecimalArithmeticTests
{
    [Fact]
    public void Add_AnyPair_SameBitsAsOperator()
    {
        Gen.Select(Gen.OneOf(DecimalGen.Any, DecimalGen.Price), Gen.OneOf(DecimalGen.Any, DecimalGen.Price)).Sample(
            (a, b) =>
            {
                Func<decimal> expected = () => a + b;
                Func<decimal> actual = () => DecimalArithmetic.Add(a, b);
                if (Overflows(a, b))
                {
                    actual.Should().Throw<OverflowException>();
                }
                else
                {
                    DecimalGen.SameBits(actual(), expected()).Should().BeTrue($"{a} + {b} gives {expected()} with the operator and {actual()} here");
                }
            },
            iter: 50_000);
    }

    [Theory]
    [InlineData("1.10", "1.20", "2.30")] // trailing zeros kept (scale 2)
    [InlineData("0", "12.50", "12.50")] // 0m + b takes b's scale
    [InlineData("-5.00", "-0.25", "-5.25")]
    [InlineData("18446744073709551615", "1", "18446744073709551616")] // carry out of 64 bits: the operator's path
    public void Add_KnownSums_ValueAndScale(string a, string b, string sum)
    {
        decimal result = DecimalArithmetic.Add(Parse(a), Parse(b));

        result.ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be(sum);
    }

    [Fact]
    public void Add_ZeroPlusNegativeZero_PositiveZeroAsOperator()
    {
        decimal negativeZero = new(0, 0, 0, isNegative: true, scale: 2);

        decimal result = DecimalArithmetic.Add(0m, negativeZero);

        DecimalGen.SameBits(result, 0m + negativeZero).Should().BeTrue();
        decimal.IsNegative(result).Should().Be(decimal.IsNegative(0m + negativeZero));
    }

    [Fact]
    public void TryDecompose_Cents_SignScaleCoefficient()
    {
        bool ok = DecimalArithmetic.TryDecompose(-12.34m, out bool negative, out int scale, out ulong coefficient);

        ok.Should().BeTrue();
        (negative, scale, coefficient).Should().Be((true, 2, 1234UL));
    }

    [Fact]
    public void TryDecompose_NinetySixBitCoefficient_False()
    {
        DecimalArithmetic.TryDecompose(decimal.MaxValue, out _, out _, out _).Should().BeFalse();
    }

    private static decimal Parse(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static bool Overflows(decimal a, decimal b)
    {
        try
        {
            _ = a + b;
            return false;
        }
        catch (OverflowException)
        {
            return true;
        }
    }
}
