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

    [Fact]
    public void Divide_AnyValueByCount_SameBitsAsOperator()
    {
        // Any scale and sign, coefficients of 32, 64 and 96 bits; small counts (as periods are) and any count.
        Gen.Select(Gen.OneOf(DecimalGen.Any, DecimalGen.Price), Gen.OneOf(Gen.Int[1, 40], Gen.Int[1, int.MaxValue])).Sample(
            (value, count) =>
            {
                decimal expected = value / count;
                DecimalGen.SameBits(DecimalArithmetic.Divide(value, count), expected).Should().BeTrue($"{value} / {count} gives {expected} with the operator");
            },
            iter: 200_000);
    }

    [Fact]
    public void Divide_MultipleOfCount_SameBitsAsOperator()
    {
        // Sums of prices that the count divides exactly: the integer path.
        Gen.Select(DecimalGen.Price, Gen.Int[1, 40]).Sample(
            (price, count) =>
            {
                decimal multiple = price * count;
                DecimalGen.SameBits(DecimalArithmetic.Divide(multiple, count), multiple / count).Should().BeTrue($"{multiple} / {count} gives {multiple / count} with the operator");
            },
            iter: 50_000);
    }

    [Fact]
    public void ComposeAndDivideParts_AnyValue_SameBitsAsOperator()
    {
        Gen.Select(Gen.OneOf(DecimalGen.Any, DecimalGen.Price), Gen.Int[1, 40]).Sample(
            (value, count) =>
            {
                if (!DecimalArithmetic.TryGetParts(value, out int flags, out ulong coefficient))
                {
                    decimal.GetBits(value)[2].Should().NotBe(0, "only a 96-bit coefficient has no 64-bit parts");
                    return;
                }

                DecimalGen.SameBits(DecimalArithmetic.Compose(flags, coefficient), value).Should().BeTrue($"{value} recomposed");
                DecimalGen.SameBits(DecimalArithmetic.Divide(flags, coefficient, count), value / count).Should().BeTrue($"{value} / {count}");
            },
            iter: 50_000);
    }

    [Theory]
    [InlineData("12.30", 3, "4.10")] // exact: the dividend's scale kept
    [InlineData("12.30", 1, "12.30")]
    [InlineData("10", 4, "2.5")] // inexact in integers: the operator widens the scale
    [InlineData("1.00", 3, "0.3333333333333333333333333333")] // rounded at scale 28
    [InlineData("2", 3, "0.6666666666666666666666666667")] // rounded up at scale 28
    [InlineData("18446744073709551615", 7, "2635249153387078802.1428571429")] // the quotient fills 96 bits
    [InlineData("7.90", 2, "3.95")]
    [InlineData("100", 8, "12.5")] // trailing zeros removed once a remainder was left
    public void Divide_KnownQuotients_ValueAndScaleAsOperator(string value, int count, string quotient)
    {
        decimal v = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        decimal result = DecimalArithmetic.Divide(v, count);
        result.ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be(quotient);
        DecimalGen.SameBits(result, v / count).Should().BeTrue();
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

    [Fact]
    public void ToDouble_EveryScaleAndSign_SameBitsAsTheRuntimeConversion()
    {
        var random = new Random(11);
        for (int t = 0; t < 200_000; t++)
        {
            ulong low = ((ulong)(uint)random.Next() << 33) ^ ((ulong)(uint)random.Next() << 2) ^ (ulong)random.Next(4);
            low >>= random.Next(64);
            int high = t % 10 == 0 ? random.Next() : 0; // some 96-bit coefficients take the runtime's own path
            var value = new decimal((int)(uint)low, (int)(uint)(low >> 32), high, random.Next(2) == 0, (byte)random.Next(29));

            BitConverter.DoubleToInt64Bits(DecimalArithmetic.ToDouble(value))
                .Should().Be(BitConverter.DoubleToInt64Bits((double)value), "{0} converts the runtime's way", value);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.00")]
    [InlineData("199.99")]
    [InlineData("-12.34")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    public void ToDouble_EdgeValues_SameBitsAsTheRuntimeConversion(string text)
    {
        decimal value = Parse(text);

        BitConverter.DoubleToInt64Bits(DecimalArithmetic.ToDouble(value)).Should().Be(BitConverter.DoubleToInt64Bits((double)value));
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
