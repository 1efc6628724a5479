using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.Rfm;
using RelationshipKit.Summaries;

namespace RelationshipKit.Tests.Differentiation.Rfm;

public sealed class RfmModelTests
{
    private static readonly RfmSegmentRule[] ActiveLapsed =
    [
        new("Active", RfmScoreRange.Exactly(2), RfmScoreRange.Any, RfmScoreRange.Any),
        new("Lapsed", RfmScoreRange.Exactly(1), RfmScoreRange.Any, RfmScoreRange.Any),
    ];

    [Fact]
    public void Score_SpanAndSingle_Agree()
    {
        CustomerSummaryTable table = RandomTable(500, seed: 7);
        RfmModel model = new RfmStrategy(new RfmOptions { Bins = 4, RecencyWeight = 2, MonetaryWeight = 0.5 }).Fit(table);
        var values = new CustomerValue[table.Count];

        model.Score(table, values);

        for (int i = 0; i < table.Count; i++)
        {
            values[i].Should().Be(model.Score(table[i]));
            RfmScore cell = values[i].Rfm!.Value;
            values[i].Score.Should().Be((2 * cell.Recency) + cell.Frequency + (0.5 * cell.Monetary));
            values[i].Segment.Should().Be(model.Segments.GetSegment(cell));
            values[i].CustomerId.Should().Be(table.CustomerIds[i]);
        }
    }

    [Fact]
    public void ScoreCells_EqualsCellsOfScore()
    {
        CustomerSummaryTable table = RandomTable(300, seed: 8);
        RfmModel model = new RfmStrategy().Fit(table);
        var values = new CustomerValue[table.Count];
        var cells = new RfmScore[table.Count];

        model.Score(table, values);
        model.ScoreCells(table, cells);

        cells.Should().Equal(values.Select(v => v.Rfm!.Value));
    }

    [Fact]
    public void Score_Slices_EqualWholeTable()
    {
        CustomerSummaryTable table = RandomTable(1000, seed: 9);
        RfmModel model = new RfmStrategy().Fit(table);
        var whole = new CustomerValue[table.Count];
        var parts = new CustomerValue[table.Count];
        model.Score(table, whole);

        for (int start = 0; start < table.Count; start += 333)
        {
            int length = Math.Min(333, table.Count - start);
            model.Score(table.Slice(start, length), parts.AsSpan(start, length));
        }

        parts.Should().Equal(whole);
    }

    [Theory]
    [InlineData("customer-0000")]
    [InlineData("")]
    [InlineData("c")]
    public void Score_TieBrokenEdgesOverIdsWithACommonPrefix_MatchReferenceAndSingleScores(string prefix)
    {
        // Heavy frequency ties, ids in scrambled order sharing a common prefix: the span path compares 16-byte keys
        // after the prefix (issue 3: span scoring speed); the result must be the qcut reference and the one-by-one path.
        var random = new Random(31);
        string[] ids = Enumerable.Range(0, 400).Select(i => $"{prefix}{i * 7919 % 400:D5}").ToArray();
        int[] frequency = ids.Select(_ => random.Next(1, 5)).ToArray();
        CustomerSummaryTable table = RfmTestData.FrequencyTable(ids, frequency);
        RfmModel model = new RfmStrategy(new RfmOptions { Bins = 5 }).Fit(table);
        model.FrequencyBins.TieBreakers.Should().Contain(t => t.HasValue);
        var values = new CustomerValue[table.Count];

        model.Score(table, values);
        var again = new CustomerValue[table.Count];
        model.Score(table, again); // the first scoring reads the tied ids' strings, the second the table's key column

        again.Should().Equal(values);
        int[] expected = RfmReference.FirstBins(frequency.Select(f => (double)f).ToArray(), ids, 5);
        values.Select(v => (int)v.Rfm!.Value.Frequency).Should().Equal(expected);
        for (int i = 0; i < table.Count; i++)
        {
            values[i].Should().Be(model.Score(table[i]));
        }
    }

    [Fact]
    public void Score_TiedIdsWhoseKeysAgreeBeyondSixteenBytes_StringsDecideAsInSingleScores()
    {
        // After the (empty) common prefix, ids agree in their first 8 characters within each of three groups and
        // differ only later: the span kernel's 16-byte keys tie and the id strings must settle the order.
        var random = new Random(77);
        string[] ids = Enumerable.Range(0, 600).Select(i => $"{(i * 31) % 3}-shared-{(i * 7919) % 600:D5}").ToArray();
        int[] frequency = ids.Select(_ => random.Next(1, 4)).ToArray();
        CustomerSummaryTable table = RfmTestData.FrequencyTable(ids, frequency);
        RfmModel model = new RfmStrategy(new RfmOptions { Bins = 5 }).Fit(table);
        model.FrequencyBins.TieBreakers.Should().Contain(t => t.HasValue);
        var first = new CustomerValue[table.Count];
        var second = new CustomerValue[table.Count];

        model.Score(table, first); // keys read from the id strings
        model.Score(table, second); // keys from the table's key column

        int[] expected = RfmReference.FirstBins(frequency.Select(f => (double)f).ToArray(), ids, 5);
        first.Select(v => (int)v.Rfm!.Value.Frequency).Should().Equal(expected);
        second.Should().Equal(first);
        for (int i = 0; i < table.Count; i++)
        {
            first[i].Should().Be(model.Score(table[i]), ids[i]);
        }
    }

    [Theory]
    [InlineData("a")] // every id sorts below the tie-breakers (decided by the common prefix)
    [InlineData("z")] // every id sorts above them
    [InlineData("m00")] // the common prefix "m0001" is longer than part of the tie-breakers' shared text
    [InlineData("m0001")] // tie-breakers such as "m0001" are proper prefixes of every scored id, or share it
    public void Score_TableOtherThanTheFittedOne_SpanEqualsSingleScores(string scoredPrefix)
    {
        var random = new Random(5);
        string[] fittedIds = Enumerable.Range(0, 300).Select(i => $"m{i:D4}").ToArray();
        int[] fittedFrequency = fittedIds.Select(_ => random.Next(1, 4)).ToArray();
        RfmModel model = new RfmStrategy().Fit(RfmTestData.FrequencyTable(fittedIds, fittedFrequency));
        model.FrequencyBins.TieBreakers.Should().Contain(t => t.HasValue);
        string[] scoredIds = Enumerable.Range(0, 200).Select(i => $"{scoredPrefix}1{i:D3}x").ToArray();
        int[] scoredFrequency = scoredIds.Select(_ => random.Next(1, 4)).ToArray();
        CustomerSummaryTable scored = RfmTestData.FrequencyTable(scoredIds, scoredFrequency);
        var values = new CustomerValue[scored.Count];

        model.Score(scored, values);

        for (int i = 0; i < scored.Count; i++)
        {
            values[i].Should().Be(model.Score(scored[i]), scoredIds[i]);
        }

        var sliced = new CustomerValue[150];
        model.Score(scored.Slice(50, 150), sliced); // a second request: the slice uses the table's key column
        sliced.Should().Equal(values.AsSpan(50, 150).ToArray());
        model.Score(scored, values);
        for (int i = 0; i < scored.Count; i++)
        {
            values[i].Should().Be(model.Score(scored[i]), scoredIds[i]);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    public void Score_TiesInEveryDimension_SpanEqualsSingleAtFirstAndLaterScorings(int bins)
    {
        // Few distinct values in all three dimensions, so that tie-broken edges are everywhere, and a row count that
        // is no multiple of the span kernel's chunk or step: each span scoring must equal the one-by-one path.
        var random = new Random(bins);
        var summaries = new CustomerSummary[1_037];
        for (int i = 0; i < summaries.Length; i++)
        {
            int x = random.Next(0, 4);
            double tx = x == 0 ? 0 : random.Next(0, 3) * 10;
            summaries[i] = RfmTestData.Summary($"id{random.Next(100_000):D5}-{i}", x, tx, tx + (random.Next(0, 3) * 5), random.Next(1, 4) * 10m);
        }

        CustomerSummaryTable table = CustomerSummaryTable.FromSummaries(summaries);
        RfmModel model = new RfmStrategy(new RfmOptions { Bins = bins }).Fit(table);
        var expected = new CustomerValue[table.Count];
        for (int i = 0; i < table.Count; i++)
        {
            expected[i] = model.Score(table[i]);
        }

        for (int scoring = 0; scoring < 3; scoring++)
        {
            var values = new CustomerValue[table.Count];
            model.Score(table, values); // the first scoring reads tied ids' strings, later ones the key column
            values.Should().Equal(expected, $"scoring {scoring}");
        }
    }

    [Fact]
    public void GetCombinedScore_UsesWeights()
    {
        RfmModel model = new RfmStrategy(new RfmOptions { RecencyWeight = 3, FrequencyWeight = 0, MonetaryWeight = 1 })
            .Fit(RandomTable(20, seed: 1));

        model.GetCombinedScore(new RfmScore(5, 4, 2)).Should().Be(17);
        ((Action)(() => model.GetCombinedScore(new RfmScore(6, 1, 1)))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Score_ArgumentChecks()
    {
        CustomerSummaryTable table = RandomTable(10, seed: 2);
        RfmModel model = new RfmStrategy().Fit(table);
        CustomerSummary weekly = CustomerSummary.Create(new CustomerId("w"), 1, 1, 2, TimeUnit.Week, 5m);
        CustomerSummaryTable withHistory = RfmTestData.HistoryTable(10, ("h", 1, 5m));

        ((Action)(() => model.Score((CustomerSummary)null!))).Should().Throw<ArgumentNullException>().WithParameterName("customer");
        ((Action)(() => model.Score(weekly))).Should().Throw<ArgumentException>().WithParameterName("customer").WithMessage("*Week*Day*");
        ((Action)(() => model.Score(withHistory[0]))).Should().Throw<ArgumentException>().WithParameterName("customer").WithMessage("*history*");
        ((Action)(() => model.Score((CustomerSummaryTable)null!, new CustomerValue[1]))).Should().Throw<ArgumentNullException>().WithParameterName("customers");
        ((Action)(() => model.Score(table, new CustomerValue[9]))).Should().Throw<ArgumentException>().WithParameterName("destination");
        ((Action)(() => model.Score(withHistory, new CustomerValue[1]))).Should().Throw<ArgumentException>().WithParameterName("customers");
        ((Action)(() => model.Score(CustomerSummaryTable.FromSummaries([weekly]), new CustomerValue[1]))).Should().Throw<ArgumentException>().WithParameterName("customers");
        ((Action)(() => model.ScoreCells(table, new RfmScore[9]))).Should().Throw<ArgumentException>().WithParameterName("destination");
        ((Action)(() => model.ScoreCells((CustomerSummaryTable)null!, new RfmScore[9]))).Should().Throw<ArgumentNullException>().WithParameterName("customers");
        ((Action)(() => model.ScoreCell(null!))).Should().Throw<ArgumentNullException>().WithParameterName("customer");
        ((Action)(() => model.CreateSegmentReport(null!))).Should().Throw<ArgumentNullException>().WithParameterName("customers");
        ((Action)(() => model.CreateSegmentReport(withHistory))).Should().Throw<ArgumentException>().WithParameterName("customers");
        ((Action)(() => model.WriteCsv((CustomerSummaryTable)null!, new StringWriter()))).Should().Throw<ArgumentNullException>().WithParameterName("customers");
        ((Action)(() => model.WriteCsv(table, null!))).Should().Throw<ArgumentNullException>().WithParameterName("writer");
    }

    [Fact]
    public void ToJson_LoadModel_ScoresBitIdentically()
    {
        CustomerSummaryTable table = RandomTable(2000, seed: 11);
        foreach (RfmOptions options in new[]
        {
            new RfmOptions(),
            new RfmOptions { TiePolicy = RfmTiePolicy.Shared, Monetary = RfmMonetaryBasis.Average, Bins = 7, RecencyWeight = 0.1, FrequencyWeight = 0.2, MonetaryWeight = 0.7 },
            new RfmOptions { Bins = 3, RecencyThresholds = [7.25, 30], Segments = ActiveLapsed.Concat([new RfmSegmentRule("Never", RfmScoreRange.Exactly(3), RfmScoreRange.Any, RfmScoreRange.Any)]).ToList() },
            new RfmOptions { Bins = 2, Segments = [ActiveLapsed[0]], FallbackSegment = "Other" },
        })
        {
            var strategy = new RfmStrategy(options);
            RfmModel model = strategy.Fit(table);
            string json = model.ToJson();

            RfmModel loaded = strategy.LoadModel(json);

            loaded.ToJson().Should().Be(json);
            var expected = new CustomerValue[table.Count];
            var actual = new CustomerValue[table.Count];
            model.Score(table, expected);
            loaded.Score(table, actual);
            actual.Should().Equal(expected);
            actual.Select(v => BitConverter.DoubleToInt64Bits(v.Score)).Should().Equal(expected.Select(v => BitConverter.DoubleToInt64Bits(v.Score)));
            loaded.MonetaryBins.Edges.Select(BitConverter.DoubleToInt64Bits).Should().Equal(model.MonetaryBins.Edges.Select(BitConverter.DoubleToInt64Bits));
            loaded.Segments.Segments.Should().Equal(model.Segments.Segments);
            loaded.Segments.IsDefault.Should().Be(model.Segments.IsDefault);
        }
    }

    [Fact]
    public void ToJson_DefaultTableOfTwoBins_RoundTripsSegmentsWithoutCells()
    {
        var strategy = new RfmStrategy(new RfmOptions { Bins = 2 });
        RfmModel model = strategy.Fit(RandomTable(50, seed: 3));

        RfmModel loaded = strategy.LoadModel(model.ToJson());

        loaded.Segments.Segments.Should().HaveCount(11);
        loaded.Segments.Rules.Count.Should().BeLessThan(11);
    }

    [Fact]
    public void ToJson_FirstTieBreakers_RoundTrip()
    {
        string[] ids = ["f", "a", "e", "b", "d", "c", "g", "h", "i", "j"];
        CustomerSummaryTable table = RfmTestData.FrequencyTable(ids, [1, 1, 1, 1, 1, 1, 2, 3, 3, 4]);
        RfmModel model = new RfmStrategy().Fit(table);
        model.FrequencyBins.TieBreakers.Should().Contain(t => t.HasValue);

        RfmModel loaded = new RfmStrategy().LoadModel(model.ToJson());

        loaded.FrequencyBins.TieBreakers.Should().Equal(model.FrequencyBins.TieBreakers);
        table.Select(loaded.ScoreCell).Should().Equal(table.Select(model.ScoreCell));
    }

    [Fact]
    public void CreateSegmentReport_HandCase_GivesCountsRevenueSharesAndAov()
    {
        CustomerSummaryTable table = HandTable();
        RfmModel model = HandModel(table);

        RfmSegmentReport report = model.CreateSegmentReport(table);

        report.Customers.Should().Be(3);
        report.Revenue.Should().Be(210m);
        report.Orders.Should().Be(5);
        report.Rows.Select(r => r.Segment).Should().Equal("Active", "Lapsed");
        RfmSegmentReportRow active = report["Active"];
        active.Customers.Should().Be(2);
        active.CustomerShare.Should().BeApproximately(2d / 3, 1e-15);
        active.Revenue.Should().Be(110m);
        active.RevenueShare.Should().BeApproximately(110d / 210, 1e-15);
        active.Orders.Should().Be(4);
        active.AverageOrderValue.Should().Be(27.5m);
        RfmSegmentReportRow lapsed = report["Lapsed"];
        lapsed.Customers.Should().Be(1);
        lapsed.Revenue.Should().Be(100m);
        lapsed.AverageOrderValue.Should().Be(100m);
        ((Action)(() => _ = report["Nope"])).Should().Throw<KeyNotFoundException>().WithMessage("*Active*Lapsed*");
        ((Action)(() => _ = report[null!])).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void CreateSegmentReport_WithoutHistory_UsesRepeatSpendAndPeriods()
    {
        CustomerSummary[] summaries =
        [
            RfmTestData.Summary("a", 2, 5, 10, 15m),
            RfmTestData.Summary("b", 0, 0, 40),
        ];
        RfmModel model = new RfmStrategy(new RfmOptions { Bins = 2, RecencyThresholds = [20], Segments = ActiveLapsed }).Fit(RfmTestData.Table(summaries));

        RfmSegmentReport report = model.CreateSegmentReport(RfmTestData.Table(summaries));

        report["Active"].Revenue.Should().Be(30m);
        report["Active"].Orders.Should().Be(2);
        report["Lapsed"].Revenue.Should().Be(0m);
        report["Lapsed"].AverageOrderValue.Should().Be(0m);
    }

    [Fact]
    public void WriteCsv_HandCase_WritesHeaderAndRowsInTableOrder()
    {
        CustomerSummaryTable table = HandTable();
        RfmModel model = HandModel(table);
        var writer = new StringWriter();

        model.WriteCsv(table, writer);

        writer.ToString().Should().Be(
            "customer_id,recency_score,frequency_score,monetary_score,rfm_code,score,segment\n"
            + "a,2,2,2,222,6,Active\n"
            + "b,1,1,2,112,4,Lapsed\n"
            + "c,2,1,1,211,4,Active\n");
    }

    [Fact]
    public void WriteCsv_SpecialCharacters_AreQuoted()
    {
        CustomerSummary[] summaries = [RfmTestData.Summary("x,\"y\"", 0, 0, 1)];
        RfmModel model = new RfmStrategy(new RfmOptions
        {
            Bins = 2,
            Segments = [new RfmSegmentRule("All, \"really\"", RfmScoreRange.Any, RfmScoreRange.Any, RfmScoreRange.Any)],
            RecencyWeight = 0.5,
        }).Fit(RfmTestData.Table(summaries));
        var writer = new StringWriter();

        model.WriteCsv(RfmTestData.Table(summaries), writer);

        writer.ToString().Split('\n')[1].Should().Be("\"x,\"\"y\"\"\",2,1,1,211,3,\"All, \"\"really\"\"\"");
    }

    // Calibration end day 100. a: days 90 (30) and 95 (50); b: day 10 (100); c: two orders on day 80 (20 + 10).
    private static CustomerSummaryTable HandTable() => RfmTestData.HistoryTable(
        100,
        ("a", 90, 30m),
        ("a", 95, 50m),
        ("b", 10, 100m),
        ("c", 80, 20m),
        ("c", 80, 10m));

    private static RfmModel HandModel(CustomerSummaryTable table) => new RfmStrategy(new RfmOptions
    {
        Bins = 2,
        RecencyThresholds = [30],
        FrequencyThresholds = [1],
        MonetaryThresholds = [50],
        Segments = ActiveLapsed,
    }).Fit(table);

    internal static CustomerSummaryTable RandomTable(int n, int seed)
    {
        var random = new Random(seed);
        var summaries = new CustomerSummary[n];
        for (int i = 0; i < n; i++)
        {
            int x = random.Next(0, 3) == 0 ? random.Next(1, 12) : 0;
            double tx = x == 0 ? 0 : random.Next(0, 200);
            summaries[i] = RfmTestData.Summary($"c{random.Next(1_000_000):D6}-{i}", x, tx, tx + random.Next(0, 100), Math.Round((decimal)random.NextDouble() * 300m, 2) + 0.01m);
        }

        return CustomerSummaryTable.FromSummaries(summaries);
    }
}
