using CsCheck;
using RelationshipKit.Internal;

namespace RelationshipKit.Tests.Internal;

public sealed class OrderStatisticsTests
{
    [Fact]
    public void Select_RandomSpansAndPositions_EqualSortedValues()
    {
        Gen.Select(Gen.Int[0, 30].Array[1, 400], Gen.Int[1, 9])
            .Sample(
                (values, count) =>
                {
                    var random = new Random(values.Length);
                    int[] positions = Enumerable.Range(0, count).Select(_ => random.Next(values.Length)).Order().ToArray();
                    double[] items = values.Select(v => (double)v).ToArray();
                    double[] sorted = items.Order().ToArray();
                    var results = new double[count];

                    OrderStatistics.Select(items.AsSpan(), positions, results, default(DoubleOrder));

                    results.Should().Equal(positions.Select(p => sorted[p]));
                },
                iter: 500);
    }

    [Fact]
    public void Select_SortedAndReversedLargeInput_StaysCorrect()
    {
        double[] ascending = Enumerable.Range(0, 100_000).Select(i => (double)i).ToArray();
        double[] descending = ascending.Reverse().ToArray();
        var results = new double[3];

        OrderStatistics.Select(ascending.AsSpan(), [0, 50_000, 99_999], results, default(DoubleOrder));
        results.Should().Equal(0, 50_000, 99_999);
        OrderStatistics.Select(descending.AsSpan(), [0, 50_000, 99_999], results, default(DoubleOrder));
        results.Should().Equal(0, 50_000, 99_999);
    }
}
