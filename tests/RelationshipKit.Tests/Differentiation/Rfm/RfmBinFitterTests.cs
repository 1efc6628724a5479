using CsCheck;
using RelationshipKit.Differentiation.Rfm;

namespace RelationshipKit.Tests.Differentiation.Rfm;

/// <summary>
/// Hand-computed qcut cases. pandas qcut(ranks 1..n, k) uses edges e(j) = 1 + (n − 1)·j/k, bins right-closed with the
/// lowest edge included; the expected bins below are worked out from those edges by hand.
/// </summary>
public sealed class RfmBinFitterTests
{
    [Theory]
    // n = 10, k = 5: edges 2.8, 4.6, 6.4, 8.2.
    [InlineData(10, 5, new[] { 1, 1, 2, 2, 3, 3, 4, 4, 5, 5 })]
    // n = 7, k = 3: edges 3, 5 (ranks on an edge stay in the lower bin).
    [InlineData(7, 3, new[] { 1, 1, 1, 2, 2, 3, 3 })]
    // n = 11, k = 4 (n not divisible by k): edges 3.5, 6, 8.5.
    [InlineData(11, 4, new[] { 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4 })]
    // n = 3, k = 5 (n < k): edges 1.4, 1.8, 2.2, 2.6; rank 2 is above 1.8 and at most 2.2.
    [InlineData(3, 5, new[] { 1, 3, 5 })]
    // n = 2, k = 5: edges 1.2 .. 1.8; rank 2 is above all.
    [InlineData(2, 5, new[] { 1, 5 })]
    // n = 4, k = 10: edges 1.3, 1.6, 1.9, 2.2, 2.5, 2.8, 3.1, 3.4, 3.7.
    [InlineData(4, 10, new[] { 1, 4, 7, 10 })]
    // n = 19, k = 6: exact edges 4, 7, 10, 13, 16 (pandas' float j/k puts rank 16 in bin 6; exact is 5).
    [InlineData(19, 6, new[] { 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6 })]
    // n = 1: pandas raises; the single customer gets bin 1.
    [InlineData(1, 5, new[] { 1 })]
    public void FitQuantiles_DistinctValues_GiveQcutBinsOfRanks(int n, int k, int[] expected)
    {
        // Values in reverse id order, so that the value order (not the id order) decides the ranks.
        double[] values = Enumerable.Range(1, n).Select(r => r * 1.5).ToArray();
        CustomerId[] ids = Enumerable.Range(0, n).Select(i => new CustomerId($"z{n - i:D3}")).ToArray();

        RfmBins bins = RfmBinFitter.FitQuantiles(values, ids, k, RfmTiePolicy.First);

        values.Select((v, i) => bins.GetBin(v, ids[i])).Should().Equal(expected);
        RfmBins shared = RfmBinFitter.FitQuantiles(values, ids, k, RfmTiePolicy.Shared);
        values.Select((v, i) => shared.GetBin(v, ids[i])).Should().Equal(expected, "without ties Shared equals First");
    }

    [Theory]
    [InlineData(10, 5, 1, 1)]
    [InlineData(10, 5, 3, 2)]
    [InlineData(10, 5, 10, 5)]
    [InlineData(19, 6, 16, 5)]
    [InlineData(19, 6, 17, 6)]
    [InlineData(3, 5, 2, 3)]
    public void BinOfRank_HandCases(long n, int k, long rank, int expected)
    {
        RfmBinFitter.BinOfRank(rank, n, k).Should().Be(expected);
    }

    [Fact]
    public void FitQuantiles_FirstWithTieAcrossEdge_SplitsRunByAscendingId()
    {
        // a..d have value 1, e has 2; k = 2, n = 5: ranks a1 b2 c3 d4 e5, edge 3: a, b, c in bin 1; d, e in bin 2.
        string[] names = ["d", "b", "e", "a", "c"];
        double[] values = [1, 1, 2, 1, 1];
        CustomerId[] ids = names.Select(s => new CustomerId(s)).ToArray();

        RfmBins bins = RfmBinFitter.FitQuantiles(values, ids, 2, RfmTiePolicy.First);

        values.Select((v, i) => bins.GetBin(v, ids[i])).Should().Equal(2, 1, 2, 1, 1);
        bins.Edges.Should().Equal(1d);
        bins.TieBreakers.Should().Equal(new CustomerId("c"));

        // New customers with the edge value are placed where they would rank.
        bins.GetBin(1, new CustomerId("bb")).Should().Be(1);
        bins.GetBin(1, new CustomerId("cc")).Should().Be(2);
        bins.GetBin(0.5, new CustomerId("zz")).Should().Be(1);
        bins.GetBin(1.5, new CustomerId("aa")).Should().Be(2);
    }

    [Fact]
    public void FitQuantiles_SharedWithTies_GivesEqualValuesOneBinAtTheirMidRank()
    {
        // Values 1,1,1,1,2 with k = 2: run of 1s has mid-rank 2.5, bin ⌈2·1.5/4⌉ = 1; 2 has mid-rank 5, bin 2.
        double[] values = [1, 1, 2, 1, 1];
        CustomerId[] ids = RfmTestData.Ids(5).Select(s => new CustomerId(s)).ToArray();

        RfmBins bins = RfmBinFitter.FitQuantiles(values, ids, 2, RfmTiePolicy.Shared);

        values.Select((v, i) => bins.GetBin(v, ids[i])).Should().Equal(1, 1, 2, 1, 1);
        bins.TieBreakers.Should().AllSatisfy(t => t.Should().BeNull());
    }

    [Fact]
    public void FitQuantiles_SharedRunAboveTheMiddle_GoesUp()
    {
        // Values 1,2,2,2,2 with k = 2, n = 5: run of 2s spans ranks 2..5, mid-rank 3.5, bin ⌈2·2.5/4⌉ = 2;
        // value 1 (rank 1) is alone in bin 1.
        double[] values = [2, 2, 1, 2, 2];
        CustomerId[] ids = RfmTestData.Ids(5).Select(s => new CustomerId(s)).ToArray();

        RfmBins bins = RfmBinFitter.FitQuantiles(values, ids, 2, RfmTiePolicy.Shared);

        values.Select((v, i) => bins.GetBin(v, ids[i])).Should().Equal(2, 2, 1, 2, 2);
    }

    [Fact]
    public void FitQuantiles_SharedAllEqual_UsesTheMiddleBinAndNewLowValuesGetBinOne()
    {
        // n = 4, k = 5, all equal: mid-rank 2.5, bin ⌈5·1.5/3⌉ = 3. Bins 1 and 2 stay empty.
        double[] values = [7, 7, 7, 7];
        CustomerId[] ids = RfmTestData.Ids(4).Select(s => new CustomerId(s)).ToArray();

        RfmBins bins = RfmBinFitter.FitQuantiles(values, ids, 5, RfmTiePolicy.Shared);

        values.Select((v, i) => bins.GetBin(v, ids[i])).Should().AllBeEquivalentTo(3);
        bins.GetBin(6, new CustomerId("new")).Should().Be(1);
        bins.GetBin(8, new CustomerId("new")).Should().Be(5);
    }

    [Fact]
    public void FitQuantiles_FirstAllEqual_SpreadsByIdLikeQcutOfFirstRanks()
    {
        double[] values = [7, 7, 7, 7, 7, 7, 7, 7, 7, 7];
        string[] names = RfmTestData.Ids(10);
        CustomerId[] ids = names.Reverse().Select(s => new CustomerId(s)).ToArray();

        RfmBins bins = RfmBinFitter.FitQuantiles(values, ids, 5, RfmTiePolicy.First);

        // Reverse id order: the customer with the smallest id (last position) has rank 1.
        values.Select((v, i) => bins.GetBin(v, ids[i])).Should().Equal(5, 5, 4, 4, 3, 3, 2, 2, 1, 1);
    }

    [Fact]
    public void FromThresholds_ValuesOnAThresholdStayInTheLowerBin()
    {
        RfmBins bins = RfmBinFitter.FromThresholds([10, 20, 30, 40]);

        bins.Binning.Should().Be(RfmBinning.Thresholds);
        new[] { -5d, 10, 10.5, 20, 25, 40, 41 }.Select(v => bins.GetBin(v, new CustomerId("x")))
            .Should().Equal(1, 1, 2, 2, 3, 4, 5);
    }

    [Fact]
    public void FitQuantiles_IntegerValues_CountingPathEqualsSelectionPathBitForBit()
    {
        // Heavy ties (few distinct values), negative values, wide ranges that fall back, one customer, all equal.
        Gen<int[]> values = Gen.OneOf(
            Gen.Int[1, 6].Array[1, 300],
            Gen.Int[-20, 20].Array[1, 300],
            Gen.Int[0, 730].Array[1, 300],
            Gen.Int[-1_000_000, 1_000_000].Array[1, 100],
            Gen.Int[int.MinValue, int.MaxValue].Array[1, 50],
            Gen.Int[3, 3].Array[1, 100]);
        Gen.Select(values, Gen.Int[2, 10], Gen.Bool).Sample(
            (ints, k, shared) =>
            {
                RfmTiePolicy policy = shared ? RfmTiePolicy.Shared : RfmTiePolicy.First;
                double[] doubles = ints.Select(i => (double)i).ToArray();
                CustomerId[] ids = Ids(ints.Length, seed: ints.Length + k);

                RfmBins selected = RfmBinFitter.FitQuantiles(doubles, ids, k, policy, allowIntegerPath: false);
                RfmBins counted = RfmBinFitter.FitQuantiles(doubles, ids, k, policy);
                RfmBins fromInts = RfmBinFitter.FitQuantiles(ints, ids, k, policy);

                ShouldBeIdentical(counted, selected);
                ShouldBeIdentical(fromInts, selected);
                int[] expected = shared ? RfmReference.SharedBins(doubles, k) : RfmReference.FirstBins(doubles, ids.Select(id => id.Value).ToArray(), k);
                doubles.Select((v, i) => counted.GetBin(v, ids[i])).Should().Equal(expected);
            },
            iter: 500);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(10)]
    public void FitQuantiles_LargeIntegerPopulationWithHeavyTies_CountingPathEqualsSelectionPath(int k)
    {
        // Large enough for the vector loops, the interleaved histograms and the id radix selection; frequency-like
        // values (1..19, skewed) and recency-like values (0..729), ids in scattered order.
        var random = new Random(k);
        int n = 20_000;
        CustomerId[] ids = Ids(n, seed: k);
        foreach (int[] ints in new[]
        {
            Enumerable.Range(0, n).Select(_ => 1 + (int)Math.Sqrt(random.Next(0, 361))).ToArray(),
            Enumerable.Range(0, n).Select(_ => random.Next(0, 730)).ToArray(),
        })
        {
            double[] doubles = ints.Select(i => (double)i).ToArray();
            foreach (RfmTiePolicy policy in new[] { RfmTiePolicy.First, RfmTiePolicy.Shared })
            {
                RfmBins selected = RfmBinFitter.FitQuantiles(doubles, ids, k, policy, allowIntegerPath: false);

                ShouldBeIdentical(RfmBinFitter.FitQuantiles(doubles, ids, k, policy), selected);
                ShouldBeIdentical(RfmBinFitter.FitQuantiles(ints, ids, k, policy), selected);
                if (policy == RfmTiePolicy.First)
                {
                    selected.TieBreakers.Should().Contain(t => t != null, "runs of ties straddle the cuts");
                    int[] expected = RfmReference.FirstBins(doubles, ids.Select(id => id.Value).ToArray(), k);
                    doubles.Select((v, i) => selected.GetBin(v, ids[i])).Should().Equal(expected);
                }
            }
        }
    }

    [Fact]
    public void FitQuantiles_NegativeZeroAtAnEdge_KeepsItsSign()
    {
        // -0.0 is an integer value but not (double)(int)v bit for bit: the fit must not turn it into +0.0.
        double[] values = [-0.0, -0.0, -0.0, 1, 1, 2, 2, 2, 3, 3];
        CustomerId[] ids = Ids(values.Length, seed: 1);

        foreach (RfmTiePolicy policy in new[] { RfmTiePolicy.First, RfmTiePolicy.Shared })
        {
            RfmBins bins = RfmBinFitter.FitQuantiles(values, ids, 5, policy);

            ShouldBeIdentical(bins, RfmBinFitter.FitQuantiles(values, ids, 5, policy, allowIntegerPath: false));
            BitConverter.DoubleToInt64Bits(bins.Edges[0]).Should().Be(BitConverter.DoubleToInt64Bits(-0.0));
        }
    }

    [Fact]
    public void FitQuantiles_FewTiesAmongManyValues_TieBreakersMatchReference()
    {
        // Distinct values plus runs of 100 equal values around each quartile cut (ranks 2,500, 5,000 and 7,500 of
        // 10,000): few customers are in runs, so the gathering of run ids skips blocks of values.
        var random = new Random(11);
        List<double> list = Enumerable.Range(0, 9_700).Select(i => i + 0.5).ToList();
        foreach (double tie in new[] { 2_450.5, 4_850.5, 7_250.5 })
        {
            list.AddRange(Enumerable.Repeat(tie, 100));
        }

        double[] values = list.ToArray();
        random.Shuffle(values);
        int n = values.Length;
        CustomerId[] ids = Ids(n, seed: 3);

        RfmBins bins = RfmBinFitter.FitQuantiles(values, ids, 4, RfmTiePolicy.First);

        bins.TieBreakers.Should().AllSatisfy(t => t.Should().NotBeNull());
        values.Select((v, i) => bins.GetBin(v, ids[i])).Should().Equal(RfmReference.FirstBins(values, ids.Select(id => id.Value).ToArray(), 4));
    }

    private static CustomerId[] Ids(int n, int seed)
    {
        var random = new Random(seed);
        int[] order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        return order.Select(i => new CustomerId($"C{i:D8}")).ToArray();
    }

    private static void ShouldBeIdentical(RfmBins actual, RfmBins expected)
    {
        actual.Binning.Should().Be(expected.Binning);
        actual.Edges.Select(BitConverter.DoubleToInt64Bits).Should().Equal(expected.Edges.Select(BitConverter.DoubleToInt64Bits));
        actual.TieBreakers.Should().Equal(expected.TieBreakers);
    }
}
