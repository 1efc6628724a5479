using RelationshipKit.Differentiation.Rfm;

namespace RelationshipKit.Tests.Differentiation.Rfm;

public sealed class RfmBinsTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void GetBin_NotFinite_Throws(double value)
    {
        RfmBins bins = RfmBinFitter.FromThresholds([1, 2]);

        ((Action)(() => bins.GetBin(value, new CustomerId("a")))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(value));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(10)]
    public void GetBin_EveryEdgeCount_CountsEdgesBelow(int k)
    {
        double[] edges = Enumerable.Range(1, k - 1).Select(j => j * 10d).ToArray();
        RfmBins bins = RfmBinFitter.FromThresholds(edges);

        bins.Count.Should().Be(k);
        for (int v = 0; v <= k * 10; v += 5)
        {
            bins.GetBin(v, new CustomerId("a")).Should().Be(1 + edges.Count(e => e < v), $"value {v}, k = {k}");
        }

        bins.ToString().Should().StartWith("Thresholds: (10");
    }
}
