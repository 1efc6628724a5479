using RelationshipKit.Differentiation.LifetimeValue;

namespace RelationshipKit.Tests.Differentiation.LifetimeValue;

public sealed class GammaGammaModelTests
{
    private static readonly Lazy<GammaGammaModel> Fitted = new(() =>
    {
        var (x, m) = new Samplers(8).GammaGamma(1500, 6.0, 4.0, 15.0);
        return GammaGammaModel.Fit(x, m, default, null);
    });

    [Fact]
    public void ConditionalExpectedSpend_IsTheCredibilityWeightedMean()
    {
        var m = new GammaGammaModel(6.25, 3.74, 15.44);
        double population = 6.25 * 15.44 / 2.74;
        m.MeanSpend.Should().BeApproximately(population, 1e-12);
        m.ConditionalExpectedSpend(0, 0).Should().BeApproximately(population, 1e-12);
        double w = 6.25 * 3 / ((6.25 * 3) + 3.74 - 1);
        m.ConditionalExpectedSpend(3, 50).Should().BeApproximately(((1 - w) * population) + (w * 50), 1e-10);
        m.ConditionalExpectedSpend(300, 50).Should().BeApproximately(50, 0.2);
    }

    [Fact]
    public void ConditionalExpectedSpend_Span_MatchesScalar()
    {
        GammaGammaModel m = Fitted.Value;
        double[] x = [0, 1, 2, 5], spend = [0, 10, 35.5, 80];
        var dest = new double[4];
        m.ConditionalExpectedSpend(x, spend, dest);
        for (int i = 0; i < 4; i++)
        {
            dest[i].Should().Be(m.ConditionalExpectedSpend(x[i], spend[i]));
        }
    }

    [Fact]
    public void Fit_NonPositiveMonetaryValue_ThrowsTypedErrorNamingFieldAndRow()
    {
        var ex = FluentActions.Invoking(() => GammaGammaModel.Fit([1, 0, 2], [10, 0, -5], default, null)).Should().Throw<InvalidSummaryException>().Which;
        ex.ParamName.Should().Be("monetaryValue");
        ex.Row.Should().Be(2);
        FluentActions.Invoking(() => GammaGammaModel.Fit([1], [0], default, null)).Should().Throw<InvalidSummaryException>().Which.ParamName.Should().Be("monetaryValue");
        FluentActions.Invoking(() => GammaGammaModel.Fit([0, 0], [0, 0], default, null)).Should().Throw<ArgumentException>().WithMessage("*repeat*");
        FluentActions.Invoking(() => GammaGammaModel.Fit([-1], [3], default, null)).Should().Throw<InvalidSummaryException>().Which.ParamName.Should().Be("frequency");
        FluentActions.Invoking(() => GammaGammaModel.Fit([1], [3, 4], default, null)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => GammaGammaModel.Fit(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Methods_InvalidArguments_ThrowNamingThem()
    {
        GammaGammaModel m = Fitted.Value;
        FluentActions.Invoking(() => m.ConditionalExpectedSpend(-1, 3)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("frequency");
        FluentActions.Invoking(() => m.ConditionalExpectedSpend(2, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("monetaryValue");
        FluentActions.Invoking(() => m.ConditionalExpectedSpend(new double[2], new double[2], new double[1])).Should().Throw<ArgumentException>().WithParameterName("destination");
        FluentActions.Invoking(() => m.ConditionalExpectedSpendInterval(1, 5, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("confidenceLevel");
        FluentActions.Invoking(() => new GammaGammaModel(1, 0, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("q");
        FluentActions.Invoking(() => new GammaGammaModel(1, 1, 1).ConditionalExpectedSpendInterval(1, 5, 0.9)).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Json_RoundTrip_PredictsBitIdentically()
    {
        GammaGammaModel m = Fitted.Value;
        GammaGammaModel back = GammaGammaModel.FromJson(m.ToJson());
        back.ConditionalExpectedSpend(3, 41.2).Should().Be(m.ConditionalExpectedSpend(3, 41.2));
        back.ConditionalExpectedSpendInterval(3, 41.2, 0.95).Should().Be(m.ConditionalExpectedSpendInterval(3, 41.2, 0.95));
        back.FrequencySpendCorrelation.Should().Be(m.FrequencySpendCorrelation);
        FluentActions.Invoking(() => GammaGammaModel.FromJson("{\"model\":\"bgnbd\",\"timeUnit\":\"Day\",\"parameters\":{}}")).Should().Throw<System.Text.Json.JsonException>();
    }

    [Fact]
    public void ConditionalExpectedSpendInterval_ContainsTheEstimate()
    {
        PredictionInterval i = Fitted.Value.ConditionalExpectedSpendInterval(2, 30, 0.95);
        i.Lower.Should().BeLessThan(i.Estimate);
        i.Upper.Should().BeGreaterThan(i.Estimate);
    }
}
