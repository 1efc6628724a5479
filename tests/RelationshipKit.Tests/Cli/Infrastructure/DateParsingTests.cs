using RelationshipKit.Cli.Infrastructure;

namespace RelationshipKit.Tests.Cli.Infrastructure;

public sealed class DateParsingTests
{
    [Theory]
    [InlineData("2024-03-01")]
    [InlineData("20240301")]
    [InlineData(" 2024-03-01 ")]
    public void TryParse_DateOnly_IsUtcMidnight(string text)
    {
        DateParsing.TryParse(text, out DateTimeOffset value, out bool dateOnly).Should().BeTrue();
        dateOnly.Should().BeTrue();
        value.Should().Be(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero));
        value.Offset.Should().Be(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("2024-03-01T10:15:00+01:00", 2024, 3, 1, 10, 15, 0, 0, 60)]
    [InlineData("2024-03-01T10:15:00-05:30", 2024, 3, 1, 10, 15, 0, 0, -330)]
    [InlineData("2024-03-01T10:15:00Z", 2024, 3, 1, 10, 15, 0, 0, 0)]
    [InlineData("2024-03-01t10:15z", 2024, 3, 1, 10, 15, 0, 0, 0)]
    [InlineData("2024-03-01 10:15:30+0100", 2024, 3, 1, 10, 15, 30, 0, 60)]
    [InlineData("2024-03-01T10:15:30+01", 2024, 3, 1, 10, 15, 30, 0, 60)]
    [InlineData("2024-03-01T10:15:30.25Z", 2024, 3, 1, 10, 15, 30, 2_500_000, 0)]
    [InlineData("2024-03-01T10:15:30.123456789Z", 2024, 3, 1, 10, 15, 30, 1_234_567, 0)]
    [InlineData("2024-02-29T23:59:59+14:00", 2024, 2, 29, 23, 59, 59, 0, 840)]
    public void TryParse_DateTimeWithOffset_KeepsInstantAndOffset(string text, int y, int mo, int d, int h, int mi, int s, int ticks, int offsetMinutes)
    {
        DateParsing.TryParse(text, out DateTimeOffset value, out bool dateOnly).Should().BeTrue();
        dateOnly.Should().BeFalse();
        var expected = new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.FromMinutes(offsetMinutes)).AddTicks(ticks);
        value.Should().Be(expected);
        value.Offset.Should().Be(TimeSpan.FromMinutes(offsetMinutes));
    }

    [Fact]
    public void TryParse_AgreesWithFrameworkOnIsoRoundTripText()
    {
        var instant = new DateTimeOffset(2021, 12, 31, 23, 59, 58, TimeSpan.FromHours(-7)).AddTicks(1234567);
        DateParsing.TryParse(instant.ToString("O", System.Globalization.CultureInfo.InvariantCulture), out DateTimeOffset value, out _).Should().BeTrue();
        value.Should().Be(instant);
        value.Offset.Should().Be(instant.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("2024-13-01")]
    [InlineData("2023-02-29")]
    [InlineData("2024-00-10")]
    [InlineData("2024-03-32")]
    [InlineData("20241301")]
    [InlineData("2024/03/01")]
    [InlineData("01.03.2024")]
    [InlineData("03/01/2024")]
    [InlineData("2024-3-1")]
    [InlineData("2024-03-01T10:15:00")]
    [InlineData("2024-03-01T10:15")]
    [InlineData("2024-03-01T25:00:00Z")]
    [InlineData("2024-03-01T10:60:00Z")]
    [InlineData("2024-03-01T10:15:00+15:00")]
    [InlineData("2024-03-01T10:15:00.Z")]
    [InlineData("2024-03-01T10:15:00Zjunk")]
    [InlineData("0000-01-01")]
    [InlineData("abcdefgh")]
    public void TryParse_Invalid_ReturnsFalse(string text)
    {
        DateParsing.TryParse(text, out _, out _).Should().BeFalse();
    }
}
