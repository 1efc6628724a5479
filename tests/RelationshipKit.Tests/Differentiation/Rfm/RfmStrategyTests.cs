using System.Text.Json;
using CsCheck;
using Microsoft.Extensions.Options;
using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.Rfm;
using RelationshipKit.Summaries;
using RelationshipKit.Tests.TestData;

namespace RelationshipKit.Tests.Differentiation.Rfm;

public sealed class RfmStrategyTests
{
    [Fact]
    public void Constructor_Defaults_FiveBinsFirstTotalDefaultTable()
    {
        var strategy = new RfmStrategy();

        strategy.Kind.Should().Be("rfm");
        strategy.Bins.Should().Be(5);
        strategy.TiePolicy.Should().Be(RfmTiePolicy.First);
        strategy.MonetaryBasis.Should().Be(RfmMonetaryBasis.Total);
        strategy.Segments.IsDefault.Should().BeTrue();
        strategy.Segments.Segments.Should().HaveCount(11);
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheOption()
    {
        Action act = () => _ = new RfmStrategy(new RfmOptions { Bins = 11 });

        act.Should().Throw<OptionsValidationException>().WithMessage("*RfmOptions.Bins*2*10*11*");
    }

    [Fact]
    public void Constructor_OptionsChangedLater_DoesNotAffectStrategy()
    {
        var options = new RfmOptions { Bins = 4 };
        var strategy = new RfmStrategy(options);
        options.Bins = 7;

        strategy.Bins.Should().Be(4);
    }

    [Fact]
    public void Fit_Null_Throws()
    {
        Action act = () => new RfmStrategy().Fit((CustomerSummaryTable)null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("population");
    }

    [Fact]
    public void Fit_EmptyPopulation_ThrowsArgumentException()
    {
        Action act = () => new RfmStrategy().Fit(RfmTestData.Table());

        act.Should().Throw<ArgumentException>().WithParameterName("population").WithMessage("*empty*");
    }

    [Fact]
    public void Fit_EmptyPopulationWithAllThresholds_Works()
    {
        var strategy = new RfmStrategy(new RfmOptions
        {
            Bins = 2,
            RecencyThresholds = [30],
            FrequencyThresholds = [1],
            MonetaryThresholds = [100],
        });

        RfmModel model = strategy.Fit(RfmTestData.Table());

        model.ScoreCell(RfmTestData.Summary("a", 3, 50, 60, 40m)).Should().Be(new RfmScore(2, 2, 2));
    }

    [Fact]
    public void Fit_FrequencyHandCase_GivesQcutScores()
    {
        // Frequency values (x + 1) 1..10 in scrambled order; k = 5 → ranks 1..10 → bins 1,1,2,2,3,3,4,4,5,5.
        int[] values = [3, 9, 1, 10, 5, 2, 8, 4, 7, 6];
        CustomerSummaryTable table = RfmTestData.FrequencyTable(RfmTestData.Ids(10), values);

        RfmModel model = new RfmStrategy().Fit(table);

        table.Select(s => (int)model.ScoreCell(s).Frequency).Should().Equal(2, 5, 1, 5, 3, 1, 4, 2, 4, 3);
    }

    [Fact]
    public void Fit_RecencyHandCase_MostRecentScoresHighest()
    {
        // Times since last purchase 0..9 days; k = 5: the two most recent score 5, the two oldest 1.
        CustomerSummary[] summaries = Enumerable.Range(0, 10).Select(i => RfmTestData.Summary($"c{i}", 0, 0, i)).ToArray();

        RfmModel model = new RfmStrategy().Fit(RfmTestData.Table(summaries));

        summaries.Select(s => (int)model.ScoreCell(s).Recency).Should().Equal(5, 5, 4, 4, 3, 3, 2, 2, 1, 1);
    }

    [Fact]
    public void Fit_FirstPolicyWithManyOneTimeBuyers_SpreadsThemByIdAndEqualSizes()
    {
        // 6 one-time buyers and 4 repeaters, k = 5: ranks by (value, id); bins of two.
        string[] ids = ["f", "a", "e", "b", "d", "c", "g", "h", "i", "j"];
        int[] values = [1, 1, 1, 1, 1, 1, 2, 3, 3, 4];
        CustomerSummaryTable table = RfmTestData.FrequencyTable(ids, values);

        RfmModel model = new RfmStrategy().Fit(table);

        // a, b → 1; c, d → 2; e, f → 3; g, h → 4; i, j → 5.
        table.Select(s => (int)model.ScoreCell(s).Frequency).Should().Equal(3, 1, 3, 1, 2, 2, 4, 4, 5, 5);
    }

    [Fact]
    public void Fit_SharedPolicyWithManyOneTimeBuyers_GivesThemOneScore()
    {
        string[] ids = ["f", "a", "e", "b", "d", "c", "g", "h", "i", "j"];
        int[] values = [1, 1, 1, 1, 1, 1, 2, 3, 3, 4];
        CustomerSummaryTable table = RfmTestData.FrequencyTable(ids, values);

        RfmModel model = new RfmStrategy(new RfmOptions { TiePolicy = RfmTiePolicy.Shared }).Fit(table);

        // 1s: ranks 1..6, mid-rank 3.5, bin ⌈5·2.5/9⌉ = 2. 2: rank 7, bin ⌈5·6/9⌉ = 4. 3s: ranks 8, 9, mid 8.5, bin ⌈5·7.5/9⌉ = 5.
        // 4: rank 10, bin 5.
        table.Select(s => (int)model.ScoreCell(s).Frequency).Should().Equal(2, 2, 2, 2, 2, 2, 4, 5, 5, 5);
    }

    [Fact]
    public void Fit_ThresholdsForOneDimension_UseThemAndQuantilesForTheOthers()
    {
        CustomerSummary[] summaries =
        [
            RfmTestData.Summary("a", 0, 0, 5),
            RfmTestData.Summary("b", 0, 0, 31),
            RfmTestData.Summary("c", 0, 0, 90),
            RfmTestData.Summary("d", 0, 0, 400),
        ];
        var strategy = new RfmStrategy(new RfmOptions { Bins = 4, RecencyThresholds = [30, 90, 365] });

        RfmModel model = strategy.Fit(RfmTestData.Table(summaries));

        model.RecencyBins.Binning.Should().Be(RfmBinning.Thresholds);
        model.FrequencyBins.Binning.Should().Be(RfmBinning.First);
        // ≤ 30 days → bin 1 → R 4; 31 → bin 2 → R 3; 90 → bin 2 → R 3; 400 → bin 4 → R 1.
        summaries.Select(s => (int)model.ScoreCell(s).Recency).Should().Equal(4, 3, 3, 1);
    }

    [Fact]
    public void Fit_RandomPopulations_MatchSortAndRankReference()
    {
        Gen.Select(Gen.Select(Gen.Int[0, 5], Gen.Int[0, 4], Gen.Int[1, 4]).Array[1, 60], Gen.Int[2, 10], Gen.Bool, Gen.Bool)
            .Sample(
                (rows, k, shared, average) =>
                {
                    string[] ids = rows.Select((_, i) => $"id{i * 37 % 101:D3}").ToArray();
                    CustomerSummary[] summaries = rows.Select((r, i) => RfmTestData.Summary(ids[i], r.Item1, r.Item1 * 3, (r.Item1 * 3) + r.Item2, r.Item3 * 10m)).ToArray();
                    var options = new RfmOptions
                    {
                        Bins = k,
                        TiePolicy = shared ? RfmTiePolicy.Shared : RfmTiePolicy.First,
                        Monetary = average ? RfmMonetaryBasis.Average : RfmMonetaryBasis.Total,
                    };
                    RfmModel model = new RfmStrategy(options).Fit(RfmTestData.Table(summaries));

                    double[] recency = summaries.Select(s => s.T - s.Recency).ToArray();
                    double[] frequency = summaries.Select(s => s.Frequency + 1d).ToArray();
                    double[] monetary = summaries.Select(s => average ? (double)s.MonetaryValue : (double)s.MonetaryValue * s.Frequency).ToArray();
                    int[] r = shared ? RfmReference.SharedBins(recency, k) : RfmReference.FirstBins(recency, ids, k);
                    int[] f = shared ? RfmReference.SharedBins(frequency, k) : RfmReference.FirstBins(frequency, ids, k);
                    int[] m = shared ? RfmReference.SharedBins(monetary, k) : RfmReference.FirstBins(monetary, ids, k);
                    for (int i = 0; i < summaries.Length; i++)
                    {
                        RfmScore cell = model.ScoreCell(summaries[i]);
                        cell.Should().Be(new RfmScore((byte)(k + 1 - r[i]), (byte)f[i], (byte)m[i]), $"customer {i} of {summaries.Length}, k = {k}, shared = {shared}");
                    }
                },
                iter: 300);
    }

    [Fact]
    public void Fit_LargeRandomPopulation_MatchesReferenceAndFirstBinsDifferByAtMostOne()
    {
        var random = new Random(20240101);
        int n = 5000;
        string[] ids = Enumerable.Range(0, n).Select(i => $"r{random.Next():D10}{i}").ToArray();
        CustomerSummary[] summaries = ids.Select(id =>
        {
            int x = random.Next(0, 4) == 0 ? random.Next(1, 30) : 0;
            double tx = x == 0 ? 0 : random.Next(0, 300);
            return RfmTestData.Summary(id, x, tx, tx + random.Next(0, 365), Math.Round((decimal)random.NextDouble() * 200m, 2));
        }).ToArray();

        RfmModel model = new RfmStrategy().Fit(RfmTestData.Table(summaries));

        double[] frequency = summaries.Select(s => s.Frequency + 1d).ToArray();
        int[] expected = RfmReference.FirstBins(frequency, ids, 5);
        int[] actual = summaries.Select(s => (int)model.ScoreCell(s).Frequency).ToArray();
        actual.Should().Equal(expected);
        int[] counts = Enumerable.Range(1, 5).Select(b => actual.Count(a => a == b)).ToArray();
        (counts.Max() - counts.Min()).Should().BeLessThanOrEqualTo(1);
    }

    [Theory]
    [InlineData(RfmTiePolicy.First, 5)]
    [InlineData(RfmTiePolicy.Shared, 5)]
    [InlineData(RfmTiePolicy.First, 10)]
    [InlineData(RfmTiePolicy.Shared, 3)]
    public void Fit_PopulationAboveSelectionThresholds_MatchesReferenceOnEveryDimension(RfmTiePolicy policy, int k)
    {
        // 30,000 customers: large enough for the histogram selection and the id-key selection paths.
        var random = new Random(31 * k);
        int n = 30_000;
        string[] ids = Enumerable.Range(0, n).Select(i => $"K{random.Next(0, 1_000_000):D7}{i}").ToArray();
        CustomerSummary[] summaries = ids.Select(id =>
        {
            int x = random.Next(0, 3) == 0 ? random.Next(1, 20) : 0;
            double tx = x == 0 ? 0 : random.Next(0, 300);
            return RfmTestData.Summary(id, x, tx, tx + random.Next(0, 400), (random.Next(100, 20_000) / 100m) + 0.5m);
        }).ToArray();

        RfmModel model = new RfmStrategy(new RfmOptions { TiePolicy = policy, Bins = k }).Fit(RfmTestData.Table(summaries));

        double[] recency = summaries.Select(s => s.T - s.Recency).ToArray();
        double[] frequency = summaries.Select(s => s.Frequency + 1d).ToArray();
        double[] monetary = summaries.Select(s => (double)s.MonetaryValue * s.Frequency).ToArray();
        int[] r = policy == RfmTiePolicy.Shared ? RfmReference.SharedBins(recency, k) : RfmReference.FirstBins(recency, ids, k);
        int[] f = policy == RfmTiePolicy.Shared ? RfmReference.SharedBins(frequency, k) : RfmReference.FirstBins(frequency, ids, k);
        int[] m = policy == RfmTiePolicy.Shared ? RfmReference.SharedBins(monetary, k) : RfmReference.FirstBins(monetary, ids, k);
        var cells = new RfmScore[n];
        model.ScoreCells(RfmTestData.Table(summaries), cells);
        cells.Select(c => k + 1 - c.Recency).Should().Equal(r);
        cells.Select(c => (int)c.Frequency).Should().Equal(f);
        cells.Select(c => (int)c.Monetary).Should().Equal(m);
    }

    [Fact]
    public void Fit_WithHistory_MonetaryTotalIncludesFirstPurchase()
    {
        // a: one purchase of 100 (total 100, no repeat spend); b: 10 + 20 (total 30); c: 5 + 5 + 5 (15).
        CustomerSummaryTable table = RfmTestData.HistoryTable(
            30,
            ("a", 1, 100m),
            ("b", 2, 10m),
            ("b", 5, 20m),
            ("c", 3, 5m),
            ("c", 4, 5m),
            ("c", 6, 5m));

        RfmModel total = new RfmStrategy(new RfmOptions { Bins = 3 }).Fit(table);
        RfmModel average = new RfmStrategy(new RfmOptions { Bins = 3, Monetary = RfmMonetaryBasis.Average }).Fit(table);

        total.UsesPurchaseHistory.Should().BeTrue();
        table.Select(s => (int)total.ScoreCell(s).Monetary).Should().Equal(3, 2, 1);
        // Averages per purchase period: 100, 15, 5.
        table.Select(s => (int)average.ScoreCell(s).Monetary).Should().Equal(3, 2, 1);
        // Frequency (purchase periods): 1, 2, 3.
        table.Select(s => (int)total.ScoreCell(s).Frequency).Should().Equal(1, 2, 3);
    }

    [Fact]
    public void Fit_WithoutHistory_MonetaryTotalIsRepeatSpend()
    {
        // a: x = 0 (repeat spend 0); b: x = 1, mean 50 (50); c: x = 4, mean 20 (80).
        CustomerSummary[] summaries =
        [
            RfmTestData.Summary("a", 0, 0, 10),
            RfmTestData.Summary("b", 1, 5, 10, 50m),
            RfmTestData.Summary("c", 4, 8, 10, 20m),
        ];

        RfmModel total = new RfmStrategy(new RfmOptions { Bins = 3 }).Fit(RfmTestData.Table(summaries));
        RfmModel average = new RfmStrategy(new RfmOptions { Bins = 3, Monetary = RfmMonetaryBasis.Average }).Fit(RfmTestData.Table(summaries));

        summaries.Select(s => (int)total.ScoreCell(s).Monetary).Should().Equal(1, 2, 3);
        summaries.Select(s => (int)average.ScoreCell(s).Monetary).Should().Equal(1, 3, 2);
    }

    [Fact]
    public void LoadModel_Null_Throws()
    {
        Action act = () => new RfmStrategy().LoadModel(null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("json");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("[]")]
    public void LoadModel_Garbage_ThrowsJsonException(string json)
    {
        Action act = () => new RfmStrategy().LoadModel(json);

        act.Should().Throw<JsonException>();
    }

    [Theory]
    [InlineData("\"kind\":\"rfm\"", "\"kind\":\"bgnbd\"", "*kind*rfm*")]
    [InlineData("\"version\":1", "\"version\":2", "*version*")]
    [InlineData("\"bins\":5", "\"bins\":11", "*bins*")]
    [InlineData("\"recencyWeight\":1", "\"recencyWeight\":-1", "*recencyWeight*")]
    [InlineData("\"isDefault\":true", "\"isDefault\":false,\"extra\":1", "*extra*")]
    public void LoadModel_TamperedModel_ThrowsJsonExceptionNamingTheMember(string find, string replace, string message)
    {
        string json = new RfmStrategy().Fit(RfmTestData.FrequencyTable(RfmTestData.Ids(10), Enumerable.Range(1, 10).ToArray())).ToJson();
        json.Should().Contain(find);

        Action act = () => new RfmStrategy().LoadModel(json.Replace(find, replace, StringComparison.Ordinal));

        act.Should().Throw<JsonException>().WithMessage(message);
    }

    [Fact]
    public void LoadModel_EdgesOutOfOrder_ThrowsJsonException()
    {
        RfmModel model = new RfmStrategy(new RfmOptions { Bins = 3, FrequencyThresholds = [2, 5] })
            .Fit(RfmTestData.FrequencyTable(RfmTestData.Ids(4), [1, 2, 3, 4]));
        string json = model.ToJson();
        json.Should().Contain("\"edges\":[2,5]");

        Action act = () => new RfmStrategy().LoadModel(json.Replace("\"edges\":[2,5]", "\"edges\":[5,2]", StringComparison.Ordinal));

        act.Should().Throw<JsonException>().WithMessage("*frequency.edges[1]*");
    }

    [Fact]
    public void AsScoringStrategy_FitAndLoadReturnRfmModels()
    {
        IScoringStrategy strategy = new RfmStrategy();
        CustomerSummaryTable table = RfmTestData.FrequencyTable(RfmTestData.Ids(5), [1, 2, 3, 4, 5]);

        IScoringModel model = strategy.Fit(table);
        IScoringModel loaded = strategy.LoadModel(model.ToJson());

        model.Should().BeOfType<RfmModel>();
        loaded.Should().BeOfType<RfmModel>();
        loaded.Kind.Should().Be("rfm");
    }

    [Fact]
    public void Fit_CdnowSample_InvariantsHold()
    {
        string path = SharedData.PathOf("CDNOW_sample.txt");
        CustomerSummaryTable table = CdnowData.Summaries(path, new DateTimeOffset(1997, 9, 30, 0, 0, 0, TimeSpan.Zero));
        table.Count.Should().Be(2357);

        foreach (RfmTiePolicy policy in new[] { RfmTiePolicy.First, RfmTiePolicy.Shared })
        {
            RfmModel model = new RfmStrategy(new RfmOptions { TiePolicy = policy }).Fit(table);
            var values = new CustomerValue[table.Count];
            model.Score(table, values);

            values.Should().OnlyContain(v => v.Rfm.HasValue && v.Segment != null, "every customer is scored and segmented");
            values.Select(v => v.CustomerId).Should().Equal(table.CustomerIds.ToArray(), "rows stay in summary order");
            RfmScore[] cells = values.Select(v => v.Rfm!.Value).ToArray();
            foreach (Func<RfmScore, byte> dimension in new Func<RfmScore, byte>[] { c => c.Recency, c => c.Frequency, c => c.Monetary })
            {
                int[] counts = Enumerable.Range(1, 5).Select(b => cells.Count(c => dimension(c) == b)).ToArray();
                if (policy == RfmTiePolicy.First)
                {
                    (counts.Max() - counts.Min()).Should().BeLessThanOrEqualTo(1, "First bins are equal-count within one");
                }
                else
                {
                    counts.Sum().Should().Be(table.Count);
                }
            }

            // Shared: equal values share a score; First: more recent never scores lower on recency... when values differ.
            for (int i = 1; i < table.Count; i++)
            {
                CustomerSummary a = table[i - 1];
                CustomerSummary b = table[i];
                if (a.Frequency < b.Frequency)
                {
                    cells[i - 1].Frequency.Should().BeLessThanOrEqualTo(cells[i].Frequency);
                }

                if (policy == RfmTiePolicy.Shared && a.Frequency == b.Frequency)
                {
                    cells[i - 1].Frequency.Should().Be(cells[i].Frequency);
                }
            }

            int[] reportCounts = model.CreateSegmentReport(table).Rows.Select(r => r.Customers).ToArray();
            reportCounts.Sum().Should().Be(table.Count);
            model.CreateSegmentReport(table).Revenue.Should().Be(table.Sum(s => s.History!.Value.TotalSpend));
        }
    }
}
