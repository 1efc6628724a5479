using CsCheck;
using RelationshipKit.Internal;

namespace RelationshipKit.Tests.Internal;

public sealed class AmountRangeTests
{
    [Fact]
    public void Contains_AnyBoundsAndAmount_AsDecimalComparison()
    {
        Gen.Select(DecimalGen.Any, DecimalGen.Any, Gen.OneOf(DecimalGen.Any, DecimalGen.Price).Array[1, 40]).Sample(
            (x, y, amounts) =>
            {
                (decimal min, decimal max) = x <= y ? (x, y) : (y, x);
                var range = new AmountRange(min, max);
                foreach (decimal amount in amounts.Append(min).Append(max))
                {
                    range.Contains(amount).Should().Be(amount >= min && amount <= max, $"{amount} against [{min}, {max}]");
                }
            },
            iter: 5_000);
    }

    [Fact]
    public void CoefficientBounds_AnyBoundsAndPrice_AgreeWithContains()
    {
        Gen.Select(DecimalGen.Price, DecimalGen.Price, DecimalGen.Price).Sample(
            (x, y, amount) =>
            {
                (decimal min, decimal max) = x <= y ? (x, y) : (y, x);
                var range = new AmountRange(min, max);
                int[] bits = decimal.GetBits(amount);
                (ulong low, ulong high) = range.CoefficientBounds((bits[3] >> 16) & 0xFF, bits[3] < 0);
                ulong coefficient = (uint)bits[0];
                (coefficient >= low && coefficient <= high).Should().Be(range.Contains(amount), $"{amount} against [{min}, {max}]");
            },
            iter: 20_000);
    }

    [Theory]
    [InlineData("-1000000", "1000000", "1000000.00", true)]
    [InlineData("-1000000", "1000000", "1000000.01", false)]
    [InlineData("-1000000", "1000000", "-1000000.000", true)]
    [InlineData("-1000000", "1000000", "-1000000.001", false)]
    [InlineData("0", "100", "-0.00", true)] // negative zero equals zero
    [InlineData("0.01", "100", "0.00", false)]
    [InlineData("0", "0.5", "0.49999999999999999999", true)]
    [InlineData("0", "0.5", "0.50000000000000000001", false)]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335", "18446744073709551615", false)] // no 64-bit coefficient fits
    public void Contains_EdgeAmounts_AsDecimalComparison(string min, string max, string amount, bool expected)
    {
        var range = new AmountRange(Parse(min), Parse(max));

        range.Contains(Parse(amount)).Should().Be(expected);
    }

    private static decimal Parse(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
}
