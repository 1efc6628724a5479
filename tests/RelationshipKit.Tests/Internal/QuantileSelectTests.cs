using RelationshipKit.Internal;

namespace RelationshipKit.Tests.Internal;

public sealed class QuantileSelectTests
{
    public static TheoryData<string> Shapes() => new() { "uniform", "integers", "constant", "skewed", "two-values", "huge-range" };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Select_LargeSpans_EqualSortedValues(string shape)
    {
        var random = new Random(shape.Length * 31);
        int n = 50_000;
        double[] values = Enumerable.Range(0, n).Select(_ => shape switch
        {
            "uniform" => random.NextDouble() * 1000,
            "integers" => random.Next(0, 20),
            "constant" => 4.5,
            "skewed" => Math.Exp(random.NextDouble() * 20),
            "two-values" => random.Next(0, 10) == 0 ? 1e6 : -3,
            _ => (random.NextDouble() - 0.5) * double.MaxValue,
        }).ToArray();
        int[] positions = [0, 1, 9_999, 10_000, 25_000, 25_000, 49_998, 49_999];
        double[] sorted = values.Order().ToArray();
        var results = new double[positions.Length];

        QuantileSelect.Select(values, positions, results);

        results.Should().Equal(positions.Select(p => sorted[p]));
    }

    [Fact]
    public void Select_SmallSpan_EqualsSortedValues()
    {
        double[] values = [5, 1, 4, 1, 3];
        var results = new double[3];

        QuantileSelect.Select(values, [0, 2, 4], results);

        results.Should().Equal(1, 3, 5);
    }
}
