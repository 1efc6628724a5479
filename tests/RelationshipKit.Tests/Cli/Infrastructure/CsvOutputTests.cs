using RelationshipKit.Cli.Infrastructure;

namespace RelationshipKit.Tests.Cli.Infrastructure;

public sealed class CsvOutputTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData(" spaced ", " spaced ")]
    public void Text_QuotesAsRfc4180Requires(string value, string expected)
    {
        Write(o => o.Text(value)).Should().Be(expected + "\n");
    }

    [Theory]
    [InlineData("29.730", "29.73")]
    [InlineData("5.00", "5")]
    [InlineData("100", "100")]
    [InlineData("0.0", "0")]
    [InlineData("-1.50", "-1.5")]
    [InlineData("33.333333333333333333333333333", "33.333333333333333333333333333")]
    public void Number_Decimal_DropsTrailingZeros(string value, string expected)
    {
        Write(o => o.Number(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture))).Should().Be(expected + "\n");
    }

    [Fact]
    public void Number_Double_IsShortestRoundTrip()
    {
        double value = 2.0 / 7.0;
        string text = Write(o => o.Number(value)).TrimEnd('\n');
        double.Parse(text, System.Globalization.CultureInfo.InvariantCulture).Should().Be(value);
        text.Should().Be("0.2857142857142857");
        Write(o => o.Number(39.0)).Should().Be("39\n");
        Write(o => o.Number(1e-7)).Should().Be("1E-07\n");
    }

    [Theory]
    [InlineData("12.50", "12.50")]
    [InlineData("0.01", "0.01")]
    [InlineData("123456.78", "123456.78")]
    [InlineData("7", "7")]
    [InlineData("-3.10", "-3.10")]
    public void Money_KeepsTheScale(string value, string expected)
    {
        Write(o => o.Money(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture))).Should().Be(expected + "\n");
    }

    [Fact]
    public void DateAndDateTimeUtc_AreWrittenInUtc()
    {
        var at = new DateTimeOffset(2024, 3, 1, 0, 30, 5, TimeSpan.FromHours(2));
        Write(o =>
        {
            o.Date(at);
            o.DateTimeUtc(at);
            o.Date(at.AddDays(3));
        }).Should().Be("2024-02-29,2024-02-29T22:30:05Z,2024-03-03\n");
    }

    [Fact]
    public void EndRecord_SeparatesFieldsAndRecords()
    {
        Write(o =>
        {
            o.Text("a");
            o.Number(1L);
            o.EndRecord();
            o.Text("b");
            o.Number(2L);
        }).Should().Be("a,1\nb,2\n");
    }

    [Fact]
    public void Text_LargerThanTheBuffer_IsWrittenWhole()
    {
        string big = new('x', 200_000);
        Write(o => o.Text(big)).Should().Be(big + "\n");
    }

    private static string Write(Action<CsvOutput> write)
    {
        using var writer = new StringWriter();
        using (var output = new CsvOutput(writer, ownsWriter: false))
        {
            write(output);
            output.EndRecord();
        }

        return writer.ToString();
    }
}
