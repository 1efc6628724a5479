using Microsoft.Extensions.Time.Testing;
using RelationshipKit.Summaries;
using static RelationshipKit.Tests.TestData.Tx;

namespace RelationshipKit.Tests.Summaries;

public sealed class CustomerSummaryTableTests
{
    [Fact]
    public void FromSummaries_KeepsOrderAndValues()
    {
        CustomerSummary[] items = [CustomerSummary.Create(Id("b"), 1, 2, 3, TimeUnit.Week, 4m), CustomerSummary.Create(Id("a"), 0, 0, 9, TimeUnit.Week)];
        CustomerSummaryTable table = CustomerSummaryTable.FromSummaries(items);
        table.Count.Should().Be(2);
        table.TimeUnit.Should().Be(TimeUnit.Week);
        table.HasHistory.Should().BeFalse();
        table.HasHoldout.Should().BeFalse();
        table.CustomerIds.ToArray().Should().Equal(Id("b"), Id("a"));
        table.Frequency.ToArray().Should().Equal(1, 0);
        table.Recency.ToArray().Should().Equal(2d, 0d);
        table.T.ToArray().Should().Equal(3d, 9d);
        table.MonetaryValue.ToArray().Should().Equal(4m, 0m);
        table.FirstPurchase.IsEmpty.Should().BeTrue();
        table.FrequencyHoldout.IsEmpty.Should().BeTrue();
        table.Should().Equal(items);
    }

    [Fact]
    public void FromSummaries_BuiltTable_RoundTrips()
    {
        CustomerSummaryTable built = new CustomerSummaryBuilder(null, new FakeTimeProvider(Now))
            .Build([Buy("a", 1, 5m), Buy("a", 3, 6m), Buy("b", 2, 7m), Buy("b", 15, 8m)], Day(10), Day(20));
        CustomerSummaryTable copy = CustomerSummaryTable.FromSummaries(built);
        copy.HasHistory.Should().BeTrue();
        copy.HasHoldout.Should().BeTrue();
        copy.Should().Equal(built);
        copy.TotalSpend.ToArray().Should().Equal(built.TotalSpend.ToArray());
        copy.DurationHoldout.ToArray().Should().Equal(10d, 10d);
    }

    [Fact]
    public void FromSummaries_Empty_GivesEmptyTable() =>
        CustomerSummaryTable.FromSummaries([]).Count.Should().Be(0);

    [Fact]
    public void FromSummaries_Null_ThrowsNamingSummaries() =>
        FluentActions.Invoking(() => CustomerSummaryTable.FromSummaries(null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("summaries");

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void FromSummaries_NullItem_ThrowsNamingSummaries(int position)
    {
        CustomerSummary?[] items = [CustomerSummary.Create(Id("a"), 0, 0, 1, TimeUnit.Day), CustomerSummary.Create(Id("b"), 0, 0, 1, TimeUnit.Day)];
        items[position] = null;
        FluentActions.Invoking(() => CustomerSummaryTable.FromSummaries(items!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("summaries");
    }

    [Fact]
    public void FromSummaries_MixedTimeUnits_ThrowsNamingSummaries()
    {
        CustomerSummary[] items = [CustomerSummary.Create(Id("a"), 0, 0, 1, TimeUnit.Day), CustomerSummary.Create(Id("b"), 0, 0, 1, TimeUnit.Week)];
        FluentActions.Invoking(() => CustomerSummaryTable.FromSummaries(items)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("summaries");
    }

    [Fact]
    public void FromSummaries_MixedHoldout_ThrowsNamingSummaries()
    {
        CustomerSummary[] items = [CustomerSummary.Create(Id("a"), 0, 0, 1, TimeUnit.Day), CustomerSummary.Create(Id("b"), 0, 0, 1, TimeUnit.Day, 0m, new HoldoutSummary(1, 1m, 1))];
        FluentActions.Invoking(() => CustomerSummaryTable.FromSummaries(items)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("summaries");
    }

    [Fact]
    public void FromSummaries_MixedHistory_ThrowsNamingSummaries()
    {
        CustomerSummary built = new CustomerSummaryBuilder(null, new FakeTimeProvider(Now)).Build([Buy("a", 1, 5m)], Day(10))[0];
        CustomerSummary[] items = [built, CustomerSummary.Create(Id("b"), 0, 0, 1, TimeUnit.Day)];
        FluentActions.Invoking(() => CustomerSummaryTable.FromSummaries(items)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("summaries");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void Indexer_OutsideTable_ThrowsArgumentOutOfRange(int index)
    {
        CustomerSummaryTable table = CustomerSummaryTable.FromSummaries([CustomerSummary.Create(Id("a"), 0, 0, 1, TimeUnit.Day)]);
        FluentActions.Invoking(() => table[index]).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("index");
    }
}
