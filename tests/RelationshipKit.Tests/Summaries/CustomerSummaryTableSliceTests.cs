using RelationshipKit.Summaries;
using RelationshipKit.Tests.Differentiation;

namespace RelationshipKit.Tests.Summaries;

/// <summary>Tests of <see cref="CustomerSummaryTable.Slice"/> (added for partitioned span scoring, issue 3).</summary>
public sealed class CustomerSummaryTableSliceTests
{
    [Fact]
    public void Slice_Middle_SharesRowsOfTheTable()
    {
        CustomerSummaryTable table = RfmTestData.HistoryTable(50, ("a", 1, 5m), ("b", 2, 6m), ("b", 9, 1m), ("c", 3, 7m), ("d", 4, 8m));

        CustomerSummaryTable slice = table.Slice(1, 2);

        slice.Count.Should().Be(2);
        slice.TimeUnit.Should().Be(table.TimeUnit);
        slice.HasHistory.Should().BeTrue();
        slice.CustomerIds.ToArray().Should().Equal(table.CustomerIds.Slice(1, 2).ToArray());
        slice.Frequency.ToArray().Should().Equal(table.Frequency.Slice(1, 2).ToArray());
        slice.Recency.ToArray().Should().Equal(table.Recency.Slice(1, 2).ToArray());
        slice.T.ToArray().Should().Equal(table.T.Slice(1, 2).ToArray());
        slice.TotalSpend.ToArray().Should().Equal(table.TotalSpend.Slice(1, 2).ToArray());
        slice.OrderCount.ToArray().Should().Equal(table.OrderCount.Slice(1, 2).ToArray());
        slice[0].Should().Be(table[1]);
        slice[1].Should().Be(table[2]);
        slice.Should().Equal(table.Skip(1).Take(2));
        slice.Slice(1, 1)[0].Should().Be(table[2]);
    }

    [Fact]
    public void Slice_EmptyAndWhole_AreValid()
    {
        CustomerSummaryTable table = RfmTestData.Table(RfmTestData.Summary("a", 0, 0, 1), RfmTestData.Summary("b", 0, 0, 2));

        table.Slice(2, 0).Count.Should().Be(0);
        table.Slice(0, 2).Should().Equal(table);
    }

    [Theory]
    [InlineData(-1, 0, "start")]
    [InlineData(3, 0, "start")]
    [InlineData(0, -1, "length")]
    [InlineData(1, 2, "length")]
    public void Slice_OutOfRange_Throws(int start, int length, string parameter)
    {
        CustomerSummaryTable table = RfmTestData.Table(RfmTestData.Summary("a", 0, 0, 1), RfmTestData.Summary("b", 0, 0, 2));

        ((Action)(() => table.Slice(start, length))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName(parameter);
        ((Action)(() => _ = table.Slice(0, 1)[1])).Should().Throw<ArgumentOutOfRangeException>();
    }
}
