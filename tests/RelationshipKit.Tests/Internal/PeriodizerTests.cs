using CsCheck;
using RelationshipKit.Internal;
using RelationshipKit.Summaries;

namespace RelationshipKit.Tests.Internal;

public sealed class PeriodizerTests
{
    [Theory]
    [InlineData(PurchasePeriod.Day, "UTC")]
    [InlineData(PurchasePeriod.Week, "UTC")]
    [InlineData(PurchasePeriod.Transaction, "UTC")]
    [InlineData(PurchasePeriod.Day, "Europe/Berlin")]
    [InlineData(PurchasePeriod.Week, "America/New_York")]
    public void KeyOfUtcTicks_AnyTimeAndOffset_SameAsKeyOf(PurchasePeriod period, string zone)
    {
        var periodizer = new Periodizer(period, zone);
        Gen.Select(Gen.Long[TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay], Gen.Int[-840, 840]).Sample(
            (utcTicks, minutes) =>
            {
                DateTimeOffset at = new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(minutes));
                periodizer.KeyOfUtcTicks(at.UtcTicks).Should().Be(periodizer.KeyOf(at), $"{at:O}");
            },
            iter: 5_000);
    }
}
