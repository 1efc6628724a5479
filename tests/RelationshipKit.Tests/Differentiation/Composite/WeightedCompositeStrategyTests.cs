using System.Text.Json;
using Microsoft.Extensions.Options;
using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.Composite;
using RelationshipKit.Differentiation.Rfm;
using RelationshipKit.Summaries;

namespace RelationshipKit.Tests.Differentiation.Composite;

public sealed class WeightedCompositeStrategyTests
{
    private static readonly CustomerSummaryTable FourCustomers = RfmTestData.Table(
        RfmTestData.Summary("a", 0, 0, 10),
        RfmTestData.Summary("b", 1, 2, 10, 5m),
        RfmTestData.Summary("c", 2, 4, 10, 5m),
        RfmTestData.Summary("d", 3, 6, 10, 5m));

    [Fact]
    public void Fit_PercentileRanks_WeightedMeanOfHandRanks()
    {
        // Scores x = 0..3 have percentile ranks (i + 0.5)/4 = 0.125, 0.375, 0.625, 0.875; −x has them reversed.
        WeightedCompositeStrategy strategy = Strategy(o => o.Add("freq", 3).Add("neg", 1));

        WeightedCompositeModel model = strategy.Fit(FourCustomers);

        var values = new CustomerValue[4];
        model.Score(FourCustomers, values);
        double[] expected = [((3 * 0.125) + 0.875) / 4, ((3 * 0.375) + 0.625) / 4, ((3 * 0.625) + 0.375) / 4, ((3 * 0.875) + 0.125) / 4];
        values.Select(v => v.Score).Should().Equal(expected, (a, b) => Math.Abs(a - b) < 1e-15);
        FourCustomers.Select(s => model.Score(s).Score).Should().Equal(values.Select(v => v.Score));
        model.Components.Should().Equal("freq", "neg");
        model.Weights.Should().Equal(3d, 1d);
        model.Kind.Should().Be("weighted-composite");
    }

    [Fact]
    public void Fit_Ties_GetMidRanks()
    {
        CustomerSummaryTable table = RfmTestData.Table(RfmTestData.Summary("a", 1, 1, 5, 1m), RfmTestData.Summary("b", 1, 1, 5, 1m), RfmTestData.Summary("c", 2, 2, 5, 1m));
        WeightedCompositeModel model = Strategy(o => o.Add("freq")).Fit(table);

        // 1, 1, 2: (0 + 2/2)/3 = 1/3 for the 1s, (2 + 1/2)/3 = 5/6 for the 2.
        table.Select(s => model.Score(s).Score).Should().Equal(1d / 3, 1d / 3, 2.5 / 3);
    }

    [Fact]
    public void Score_UnseenScores_InterpolateAndClamp()
    {
        WeightedCompositeModel model = Strategy(o => o.Add("freq")).Fit(FourCustomers);

        model.Score(RfmTestData.Summary("new", 5, 6, 10, 1m)).Score.Should().Be(1);
        model.Score(RfmTestData.Summary("new", 0, 0, 10)).Score.Should().Be(0.125);
        WeightedCompositeModel negative = Strategy(o => o.Add("neg")).Fit(FourCustomers);
        negative.Score(RfmTestData.Summary("new", 7, 7, 10, 1m)).Score.Should().Be(0);

        // Fitted on x = 0 and x = 4 (ranks 0.25 and 0.75): x = 1 lies a quarter of the way, 0.25 + 0.25·0.5.
        WeightedCompositeModel sparse = Strategy(o => o.Add("freq")).Fit(RfmTestData.Table(RfmTestData.Summary("a", 0, 0, 9), RfmTestData.Summary("b", 4, 4, 9, 1m)));
        sparse.Score(RfmTestData.Summary("new", 1, 1, 9, 1m)).Score.Should().Be(0.375);
    }

    [Fact]
    public void Fit_MinMax_ScalesToUnitRange()
    {
        WeightedCompositeModel model = Strategy(o => { o.Add("freq"); o.Normalization = CompositeNormalization.MinMax; }).Fit(FourCustomers);

        FourCustomers.Select(s => model.Score(s).Score).Should().Equal(0d, 1d / 3, 2d / 3, 1d);
        model.Score(RfmTestData.Summary("new", 9, 9, 10, 1m)).Score.Should().Be(1);
    }

    [Fact]
    public void Fit_ManyDistinctScores_UsesKnotsAndStaysMonotone()
    {
        CustomerSummary[] summaries = Enumerable.Range(0, 200).Select(i => RfmTestData.Summary($"c{i:D3}", i, i, i + 1, 1m)).ToArray();
        WeightedCompositeModel model = Strategy(o => { o.Add("freq"); o.MaxKnots = 5; }).Fit(RfmTestData.Table(summaries));

        double[] scores = summaries.Select(s => model.Score(s).Score).ToArray();
        scores.Should().BeInAscendingOrder().And.OnlyContain(s => s >= 0 && s <= 1);
        scores[0].Should().BeApproximately(0.5 / 200, 1e-12);
        scores[^1].Should().BeApproximately(199.5 / 200, 1e-12);
    }

    [Fact]
    public void Score_CarriesRfmCellAndSegmentFromTheRfmComponent()
    {
        var strategies = new Dictionary<string, IScoringStrategy> { ["freq"] = TestStrategy.Frequency(), ["rfm"] = new RfmStrategy(new RfmOptions { Bins = 2 }) };
        var strategy = new WeightedCompositeStrategy(new CompositeScoringOptions().Add("freq").Add("rfm"), strategies);

        WeightedCompositeModel model = strategy.Fit(FourCustomers);
        var values = new CustomerValue[4];
        model.Score(FourCustomers, values);

        values.Should().OnlyContain(v => v.Rfm.HasValue && v.Segment != null);
        var rfm = (RfmModel)model.GetComponentModel("rfm");
        values.Select(v => v.Rfm).Should().Equal(FourCustomers.Select(s => (RfmScore?)rfm.ScoreCell(s)));
        values.Select(v => v.CustomerId.Value).Should().Equal("a", "b", "c", "d");
    }

    [Fact]
    public void ToJson_LoadModel_ScoresBitIdentically()
    {
        var strategies = new Dictionary<string, IScoringStrategy> { ["neg"] = TestStrategy.NegativeFrequency(), ["rfm"] = new RfmStrategy() };
        var strategy = new WeightedCompositeStrategy(new CompositeScoringOptions().Add("rfm", 0.7).Add("neg", 0.3), strategies);
        CustomerSummaryTable table = Rfm.RfmModelTests.RandomTable(3000, seed: 5);
        WeightedCompositeModel model = strategy.Fit(table);
        string json = model.ToJson();

        WeightedCompositeModel loaded = strategy.LoadModel(json);

        loaded.ToJson().Should().Be(json);
        var expected = new CustomerValue[table.Count];
        var actual = new CustomerValue[table.Count];
        model.Score(table, expected);
        loaded.Score(table, actual);
        actual.Select(v => BitConverter.DoubleToInt64Bits(v.Score)).Should().Equal(expected.Select(v => BitConverter.DoubleToInt64Bits(v.Score)));
        actual.Should().Equal(expected);
    }

    [Fact]
    public void LoadModel_Invalid_ThrowsJsonException()
    {
        WeightedCompositeStrategy strategy = Strategy(o => o.Add("freq"));
        string json = strategy.Fit(FourCustomers).ToJson();

        ((Action)(() => strategy.LoadModel(null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => strategy.LoadModel("{}"))).Should().Throw<JsonException>();
        ((Action)(() => strategy.LoadModel(json.Replace("\"name\":\"freq\"", "\"name\":\"other\"", StringComparison.Ordinal)))).Should().Throw<JsonException>().WithMessage("*'other' is not a component*");
        ((Action)(() => strategy.LoadModel(json.Replace("\"weight\":1", "\"weight\":0", StringComparison.Ordinal)))).Should().Throw<JsonException>().WithMessage("*weight*");
        ((Action)(() => strategy.LoadModel(json.Replace("test-frequency", "something-else", StringComparison.Ordinal)))).Should().Throw<JsonException>().WithMessage("*kind*");
    }

    [Fact]
    public void Constructor_And_Fit_ArgumentChecks()
    {
        var strategies = new Dictionary<string, IScoringStrategy> { ["freq"] = TestStrategy.Frequency() };
        ((Action)(() => _ = new WeightedCompositeStrategy(null!, strategies))).Should().Throw<ArgumentNullException>().WithParameterName("options");
        ((Action)(() => _ = new WeightedCompositeStrategy(new CompositeScoringOptions().Add("freq"), null!))).Should().Throw<ArgumentNullException>().WithParameterName("strategies");
        ((Action)(() => _ = new WeightedCompositeStrategy(new CompositeScoringOptions().Add("nope"), strategies))).Should().Throw<ArgumentException>().WithMessage("*'nope'*'freq'*");
        ((Action)(() => _ = new WeightedCompositeStrategy(new CompositeScoringOptions(), strategies))).Should().Throw<OptionsValidationException>().WithMessage("*CompositeScoringOptions.Components*");
        WeightedCompositeStrategy strategy = Strategy(o => o.Add("freq"));
        ((Action)(() => strategy.Fit(null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => strategy.Fit(RfmTestData.Table()))).Should().Throw<ArgumentException>().WithMessage("*empty*");
        WeightedCompositeModel model = strategy.Fit(FourCustomers);
        ((Action)(() => model.Score((CustomerSummary)null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => model.Score(FourCustomers, new CustomerValue[3]))).Should().Throw<ArgumentException>().WithParameterName("destination");
        ((Action)(() => model.Score(CustomerSummary.Create(new CustomerId("w"), 0, 0, 1, TimeUnit.Week)))).Should().Throw<ArgumentException>();
        ((Action)(() => model.GetComponentModel("nope"))).Should().Throw<KeyNotFoundException>();
    }

    private static WeightedCompositeStrategy Strategy(Action<CompositeScoringOptions> configure)
    {
        var options = new CompositeScoringOptions();
        configure(options);
        var strategies = new Dictionary<string, IScoringStrategy> { ["freq"] = TestStrategy.Frequency(), ["neg"] = TestStrategy.NegativeFrequency() };
        return new WeightedCompositeStrategy(options, strategies);
    }
}
