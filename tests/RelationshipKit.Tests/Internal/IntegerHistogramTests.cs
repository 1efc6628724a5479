using CsCheck;
using RelationshipKit.Internal;

namespace RelationshipKit.Tests.Internal;

public sealed class IntegerHistogramTests
{
    public static TheoryData<double> NotCounted() => new() { 0.5, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 2147483648d, -2147483649d, 1e300, double.Epsilon };

    [Theory]
    [MemberData(nameof(NotCounted))]
    public void TryRangeOf_OneValueNotAnExactInt_IsRejectedWherever(double bad)
    {
        // The bad value at every position of spans long enough for the vector loop and its tail.
        for (int length = 1; length <= 11; length++)
        {
            for (int at = 0; at < length; at++)
            {
                double[] values = Enumerable.Range(0, length).Select(i => (double)(i % 3)).ToArray();
                values[at] = bad;

                IntegerHistogram.TryRangeOf(values, out _, out _).Should().BeFalse($"{bad} at {at} of {length}");
            }
        }
    }

    [Fact]
    public void TryRangeOf_BadValueAfterManyIntegers_IsRejected()
    {
        double[] values = Enumerable.Range(0, 5000).Select(i => (double)(i % 40)).ToArray();
        values[4321] = -0.0;

        IntegerHistogram.TryRangeOf(values, out _, out _).Should().BeFalse();
    }

    [Fact]
    public void TryRangeOf_Integers_GivesMinAndMax()
    {
        Gen.Int[-100_000, 100_000].Array[1, 200].Sample(
            ints =>
            {
                double[] values = ints.Select(i => (double)i).ToArray();

                IntegerHistogram.TryRangeOf(values, out int min, out int max).Should().BeTrue();

                min.Should().Be(ints.Min());
                max.Should().Be(ints.Max());
                IntegerHistogram.RangeOf(ints).Should().Be((ints.Min(), ints.Max()));
            });
    }

    [Fact]
    public void TryRangeOf_IntLimits_Accepted()
    {
        double[] values = [int.MinValue, 0, int.MaxValue, 5];

        IntegerHistogram.TryRangeOf(values, out int min, out int max).Should().BeTrue();

        (min, max).Should().Be((int.MinValue, int.MaxValue));
        IntegerHistogram.Fits(min, max, values.Length).Should().BeFalse();
    }

    [Theory]
    [InlineData(0, 65_535, 1_000_000, true)]
    [InlineData(0, 65_536, 1_000_000, false)]
    [InlineData(-10, 10, 1, true)]
    [InlineData(0, 4095, 2, true)]
    [InlineData(0, 9_000, 2, false)]
    [InlineData(int.MinValue, int.MaxValue, 1_000_000, false)]
    public void Fits_RangeAgainstCount(int min, int max, int n, bool expected)
    {
        IntegerHistogram.Fits(min, max, n).Should().Be(expected);
    }

    [Fact]
    public void Count_IntsAndDoubles_EqualNaiveCounts()
    {
        // Small ranges with many values take the interleaved histograms; the others one histogram.
        Gen.Select(Gen.Int[-50, 50], Gen.Int[0, 5000], Gen.Int[0, 3000]).Sample(
            (min, width, n) =>
            {
                var random = new Random(min ^ width ^ n);
                int[] ints = Enumerable.Range(0, n).Select(_ => min + random.Next(0, width + 1)).ToArray();
                var expected = new int[width + 1];
                foreach (int v in ints)
                {
                    expected[v - min]++;
                }

                var fromInts = new int[width + 1];
                var fromDoubles = new int[width + 1];
                Array.Fill(fromInts, 7);
                IntegerHistogram.Count<int>(ints, min, fromInts);
                IntegerHistogram.Count<double>(ints.Select(i => (double)i).ToArray(), min, fromDoubles);

                fromInts.Should().Equal(expected);
                fromDoubles.Should().Equal(expected);
            },
            iter: 200);
    }
}
