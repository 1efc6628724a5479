using System.Globalization;
using RelationshipKit.Cli.Infrastructure;

namespace RelationshipKit.Tests.Cli.Infrastructure;

public sealed class NumberParsingTests
{
    [Theory]
    [InlineData("29.33", "29.33")]
    [InlineData("0", "0")]
    [InlineData("-5", "-5")]
    [InlineData("+5.5", "5.5")]
    [InlineData("-0.00", "0")]
    [InlineData(".5", "0.5")]
    [InlineData("7.", "7")]
    [InlineData("000123.4500", "123.45")]
    [InlineData("123456789012345678", "123456789012345678")]
    [InlineData("1234567890123456789.5", "1234567890123456789.5")]
    [InlineData("1.5e3", "1500")]
    [InlineData("2E-2", "0.02")]
    [InlineData(" 12.5 ", "12.5")]
    public void TryParseDecimal_Valid_GivesTheNumber(string text, string expected)
    {
        NumberParsing.TryParseDecimal(text, out decimal value).Should().BeTrue();
        value.Should().Be(decimal.Parse(expected, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TryParseDecimal_KeepsScale()
    {
        NumberParsing.TryParseDecimal("12.50", out decimal value).Should().BeTrue();
        value.Scale.Should().Be(2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("abc")]
    [InlineData("1,000")]
    [InlineData("12,5")]
    [InlineData("1.2.3")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("$5")]
    [InlineData("5 5")]
    [InlineData("1e400")]
    public void TryParseDecimal_Invalid_ReturnsFalse(string text)
    {
        NumberParsing.TryParseDecimal(text, out _).Should().BeFalse();
    }

    [Fact]
    public void TryParseDecimal_FastPath_AgreesWithFramework()
    {
        var random = new Random(3);
        for (int i = 0; i < 2000; i++)
        {
            decimal expected = Math.Round((decimal)((random.NextDouble() - 0.3) * 100000), random.Next(0, 6));
            string text = expected.ToString(CultureInfo.InvariantCulture);
            NumberParsing.TryParseDecimal(text, out decimal value).Should().BeTrue();
            value.Should().Be(expected);
            value.Scale.Should().Be(expected.Scale);
        }
    }

    [Theory]
    [InlineData("29.33")]
    [InlineData("-0.00")]
    [InlineData("+5.5")]
    [InlineData(".5")]
    [InlineData("7.")]
    [InlineData("000123.4500")]
    [InlineData("1234567890123456789.5")]
    [InlineData("1.5e3")]
    [InlineData(" 12.5 ")]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1,000")]
    [InlineData("NaN")]
    [InlineData("5 5")]
    public void TryParseDecimalAscii_AgreesWithTheCharOverload(string text)
    {
        bool expected = NumberParsing.TryParseDecimal(text, out decimal expectedValue);

        bool actual = NumberParsing.TryParseDecimalAscii(System.Text.Encoding.ASCII.GetBytes(text), out decimal value);

        actual.Should().Be(expected);
        value.ToString(CultureInfo.InvariantCulture).Should().Be(expectedValue.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TryParseDecimalAscii_NotAscii_IsUndecided()
    {
        NumberParsing.TryParseDecimalAscii("１２"u8, out _).Should().BeFalse();
    }
}
