using RelationshipKit.Summaries;

namespace RelationshipKit.Tests.Summaries;

public sealed class SmokeTests
{
    [Fact]
    public void Build_TwoPurchaseDays_GivesOneRepeat()
    {
        var id = new CustomerId("c1");
        var builder = new CustomerSummaryBuilder();
        CustomerSummaryTable table = builder.Build(
            [
                new Transaction(id, new DateTimeOffset(2020, 1, 1, 10, 0, 0, TimeSpan.Zero), 10m),
                new Transaction(id, new DateTimeOffset(2020, 1, 3, 10, 0, 0, TimeSpan.Zero), 20m),
            ],
            new DateTimeOffset(2020, 1, 10, 0, 0, 0, TimeSpan.Zero));
        table.Count.Should().Be(1);
        table[0].Frequency.Should().Be(1);
        table[0].Recency.Should().Be(2);
        table[0].T.Should().Be(9);
        table[0].MonetaryValue.Should().Be(20m);
    }
}
