using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.Rfm;

namespace RelationshipKit.Tests.Differentiation.Rfm;

public sealed class RfmSegmentTableTests
{
    public static TheoryData<int> AllBins() => new(Enumerable.Range(2, 9));

    [Theory]
    [MemberData(nameof(AllBins))]
    public void CreateDefault_EveryBinCount_PutsEachCellInExactlyOneSegment(int k)
    {
        RfmSegmentTable table = RfmSegmentTable.CreateDefault(k);

        table.Bins.Should().Be(k);
        table.Segments.Should().Equal(
            "Champions", "Loyal Customers", "Potential Loyalists", "New Customers", "Promising", "Need Attention",
            "About to Sleep", "At Risk", "Can't Lose Them", "Hibernating", "Lost");
        foreach (RfmScore cell in Cells(k))
        {
            // Count matching segments independently of the table's lookup.
            string[] matching = table.Rules.Where(r => r.Matches(cell)).Select(r => r.Segment).Distinct().ToArray();
            matching.Should().ContainSingle($"cell {cell.ToCode()} with k = {k}");
            table.GetSegment(cell).Should().Be(matching[0]);
        }
    }

    [Fact]
    public void CreateDefault_FiveBins_MatchesTheDocumentedGrid()
    {
        RfmSegmentTable table = RfmSegmentTable.CreateDefault();

        // FM = ⌊(F + M)/2⌋: F = M = fm gives FM = fm.
        string Seg(int r, int fm) => table.GetSegment(new RfmScore((byte)r, (byte)fm, (byte)fm));
        Seg(5, 5).Should().Be("Champions");
        Seg(5, 4).Should().Be("Champions");
        Seg(5, 1).Should().Be("New Customers");
        Seg(4, 1).Should().Be("Promising");
        Seg(4, 2).Should().Be("Potential Loyalists");
        Seg(3, 5).Should().Be("Loyal Customers");
        Seg(3, 3).Should().Be("Need Attention");
        Seg(3, 2).Should().Be("About to Sleep");
        Seg(2, 3).Should().Be("At Risk");
        Seg(1, 5).Should().Be("Can't Lose Them");
        Seg(2, 2).Should().Be("Hibernating");
        Seg(1, 1).Should().Be("Lost");
        // F 5, M 2: FM ⌊7/2⌋ = 3.
        table.GetSegment(new RfmScore(5, 5, 2)).Should().Be("Potential Loyalists");
    }

    [Theory]
    [MemberData(nameof(AllBins))]
    public void CreateDefault_ExtremeCells_AreChampionsAndLost(int k)
    {
        RfmSegmentTable table = RfmSegmentTable.CreateDefault(k);
        byte top = (byte)k;

        table.GetSegment(new RfmScore(top, top, top)).Should().Be(k == 2 ? "Loyal Customers" : "Champions");
        table.GetSegment(new RfmScore(1, 1, 1)).Should().Be(k == 2 ? "Hibernating" : "Lost");
    }

    [Fact]
    public void Create_OverlappingRules_ThrowsListingCells()
    {
        RfmSegmentRule[] rules =
        [
            new("High", new RfmScoreRange(2, 3), RfmScoreRange.Any, RfmScoreRange.Any),
            new("Low", RfmScoreRange.Exactly(1), RfmScoreRange.Any, RfmScoreRange.Any),
            new("Top", RfmScoreRange.Exactly(3), RfmScoreRange.Exactly(3), RfmScoreRange.Exactly(3)),
        ];

        Action act = () => RfmSegmentTable.Create(3, rules);

        RfmSegmentTableException ex = act.Should().Throw<RfmSegmentTableException>().Which;
        ex.OverlappingCells.Should().Equal(new RfmScore(3, 3, 3));
        ex.UncoveredCells.Should().BeEmpty();
        ex.Message.Should().Contain("333 (High | Top)").And.Contain("1 cell(s) match rules of more than one segment");
        ex.ParamName.Should().Be("rules");
    }

    [Fact]
    public void Create_UncoveredCells_ThrowsListingCappedCellsAndCount()
    {
        RfmSegmentRule[] rules = [new("Recent", RfmScoreRange.Exactly(5), RfmScoreRange.Any, RfmScoreRange.Any)];

        Action act = () => RfmSegmentTable.Create(5, rules);

        RfmSegmentTableException ex = act.Should().Throw<RfmSegmentTableException>().Which;
        ex.UncoveredCells.Should().HaveCount(100);
        ex.UncoveredCells[0].Should().Be(new RfmScore(1, 1, 1));
        ex.Message.Should().Contain("100 cell(s) match no rule: 111, 112").And.Contain("and 80 more").And.Contain("fallback");
    }

    [Fact]
    public void Create_UncoveredCellsWithFallback_PutsThemInFallback()
    {
        RfmSegmentRule[] rules = [new("Recent", RfmScoreRange.Exactly(5), RfmScoreRange.Any, RfmScoreRange.Any)];

        RfmSegmentTable table = RfmSegmentTable.Create(5, rules, "Others");

        table.Segments.Should().Equal("Recent", "Others");
        table.GetSegment(new RfmScore(5, 1, 1)).Should().Be("Recent");
        table.GetSegment(new RfmScore(4, 5, 5)).Should().Be("Others");
        table.FallbackSegment.Should().Be("Others");
        table.IsDefault.Should().BeFalse();
    }

    [Fact]
    public void Create_OverlapWithFallback_StillThrows()
    {
        RfmSegmentRule[] rules =
        [
            new("A", RfmScoreRange.Exactly(2), RfmScoreRange.Any, RfmScoreRange.Any),
            new("B", RfmScoreRange.Exactly(2), RfmScoreRange.Exactly(1), RfmScoreRange.Any),
        ];

        Action act = () => RfmSegmentTable.Create(2, rules, "Others");

        act.Should().Throw<RfmSegmentTableException>().Which.OverlappingCells.Should().HaveCount(2);
    }

    [Fact]
    public void Create_TwoRulesOfOneSegment_AreAUnion()
    {
        RfmSegmentRule[] rules =
        [
            new("Edge", RfmScoreRange.Exactly(1), RfmScoreRange.Any, RfmScoreRange.Any),
            new("Edge", RfmScoreRange.Any, RfmScoreRange.Exactly(1), RfmScoreRange.Any),
            new("Core", RfmScoreRange.Exactly(2), RfmScoreRange.Exactly(2), RfmScoreRange.Any),
        ];

        RfmSegmentTable table = RfmSegmentTable.Create(2, rules);

        table.Segments.Should().Equal("Edge", "Core");
        table.GetSegment(new RfmScore(1, 1, 2)).Should().Be("Edge");
        table.GetSegment(new RfmScore(2, 2, 1)).Should().Be("Core");
    }

    [Fact]
    public void Create_SegmentStrings_AreShared()
    {
        RfmSegmentTable table = RfmSegmentTable.CreateDefault();

        ReferenceEquals(table.GetSegment(new RfmScore(5, 5, 5)), table.GetSegment(new RfmScore(5, 4, 4))).Should().BeTrue();
    }

    [Fact]
    public void Create_InvalidArguments_Throw()
    {
        RfmSegmentRule[] rules = [new("All", RfmScoreRange.Any, RfmScoreRange.Any, RfmScoreRange.Any)];

        ((Action)(() => RfmSegmentTable.Create(1, rules))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("bins");
        ((Action)(() => RfmSegmentTable.Create(11, rules))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("bins");
        ((Action)(() => RfmSegmentTable.Create(5, null!))).Should().Throw<ArgumentNullException>().WithParameterName("rules");
        ((Action)(() => RfmSegmentTable.Create(5, [null!]))).Should().Throw<ArgumentNullException>().WithParameterName("rules");
        ((Action)(() => RfmSegmentTable.Create(5, rules, " "))).Should().Throw<ArgumentException>().WithParameterName("fallbackSegment");
        ((Action)(() => RfmSegmentTable.CreateDefault(1))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("bins");
    }

    [Fact]
    public void GetSegment_CellOutsideBins_Throws()
    {
        RfmSegmentTable table = RfmSegmentTable.CreateDefault(3);

        ((Action)(() => table.GetSegment(new RfmScore(4, 1, 1)))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("cell");
        ((Action)(() => table.GetSegment(default))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("cell");
    }

    private static IEnumerable<RfmScore> Cells(int k)
    {
        for (int r = 1; r <= k; r++)
        {
            for (int f = 1; f <= k; f++)
            {
                for (int m = 1; m <= k; m++)
                {
                    yield return new RfmScore((byte)r, (byte)f, (byte)m);
                }
            }
        }
    }
}
