using RelationshipKit.Differentiation.LifetimeValue;
using RelationshipKit.Summaries;
using RelationshipKit.Tests.TestData;

namespace RelationshipKit.Tests.Differentiation.LifetimeValue;

public sealed class ModelEvaluationTests
{
    [Fact]
    public void EvaluateFrequencyFit_Cdnow_ExpectedCountsTrackActualCounts()
    {
        var d = LifetimeValueData.LoadCdnowSummary();
        BgNbdModel m = BgNbdModel.Fit(d.Frequency, d.Recency, d.T, default, TimeUnit.Week, null);
        double[] x = d.Frequency.Select(v => (double)v).ToArray();
        IReadOnlyList<FrequencyFitBin> bins = ModelEvaluation.EvaluateFrequencyFit(m, x, d.T, 7);
        bins.Should().HaveCount(8);
        bins[^1].AndMore.Should().BeTrue();
        bins.Sum(b => b.Actual).Should().Be(2357);
        bins.Sum(b => b.Expected).Should().BeApproximately(2357, 1e-6);
        bins[0].Actual.Should().Be(1411);
        for (int n = 0; n < 4; n++)
        {
            bins[n].Expected.Should().BeApproximately(bins[n].Actual, 0.12 * bins[n].Actual);
        }
    }

    [Fact]
    public void EvaluateHoldout_SimulatedHoldout_PredictsTotalsAndRanksCustomers()
    {
        var (x, tx, t, y) = new Samplers(51).BgNbdWithHoldout(3000, 0.25, 4.0, 0.8, 2.5, 20, 52, 39);
        BgNbdModel m = BgNbdModel.Fit(x, tx, t, default, TimeUnit.Week, null);
        double[] xd = x.Select(v => (double)v).ToArray();
        double[] d = Enumerable.Repeat(39.0, x.Length).ToArray();
        HoldoutEvaluation e = ModelEvaluation.EvaluateHoldout(m, xd, tx, t, y, d, 7);
        e.Customers.Should().Be(3000);
        e.PredictedTotal.Should().BeApproximately(e.ActualTotal, 0.1 * e.ActualTotal);
        e.Correlation.Should().BeGreaterThan(0.4);
        e.MeanAbsoluteError.Should().BeGreaterThan(0).And.BeLessThan(e.RootMeanSquaredError + 1e-12);
        e.Groups[0].Frequency.Should().Be(0);
        e.Groups[^1].AndMore.Should().BeTrue();
        e.Groups.Sum(g => g.Customers).Should().Be(3000);
        e.Groups[^1].MeanPredicted.Should().BeGreaterThan(e.Groups[0].MeanPredicted);
        e.Groups[^1].MeanActual.Should().BeGreaterThan(e.Groups[0].MeanActual);
    }

    [Fact]
    public void EvaluateHoldout_Table_UsesTheHoldoutColumns()
    {
        var m = new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week);
        var table = CustomerSummaryTable.FromSummaries(
        [
            CustomerSummary.Create(new CustomerId("a"), 2, 30.43, 38.86, TimeUnit.Week, 10m, new HoldoutSummary(3, 12m, 39)),
            CustomerSummary.Create(new CustomerId("b"), 0, 0, 38.86, TimeUnit.Week, 0m, new HoldoutSummary(0, 0m, 39)),
        ]);
        HoldoutEvaluation e = ModelEvaluation.EvaluateHoldout(m, table, 3);
        e.ActualTotal.Should().Be(3);
        e.PredictedTotal.Should().BeApproximately(m.ExpectedPurchases(Horizon.Weeks(39), 2, 30.43, 38.86) + m.ExpectedPurchases(Horizon.Weeks(39), 0, 0, 38.86), 1e-12);
        var noHoldout = CustomerSummaryTable.FromSummaries([CustomerSummary.Create(new CustomerId("c"), 0, 0, 3, TimeUnit.Week)]);
        FluentActions.Invoking(() => ModelEvaluation.EvaluateHoldout(m, noHoldout, 3)).Should().Throw<ArgumentException>().WithParameterName("customers");
    }

    [Fact]
    public void Evaluate_InvalidArguments_Throw()
    {
        var m = new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week);
        FluentActions.Invoking(() => ModelEvaluation.EvaluateFrequencyFit(null!, [1], [2], 5)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ModelEvaluation.EvaluateFrequencyFit(m, [1], [2], 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxRepeatPurchases");
        FluentActions.Invoking(() => ModelEvaluation.EvaluateFrequencyFit(m, [1.5], [2], 5)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => ModelEvaluation.EvaluateFrequencyFit(m, [1], [2, 3], 5)).Should().Throw<ArgumentException>().WithParameterName("t");
        FluentActions.Invoking(() => ModelEvaluation.EvaluateHoldout(m, [1], [1], [2], [-1], [39], 5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("holdoutFrequency");
        FluentActions.Invoking(() => ModelEvaluation.EvaluateHoldout(m, [], [], [], [], [], 5)).Should().Throw<ArgumentException>().WithParameterName("frequency");
        FluentActions.Invoking(() => ModelEvaluation.EvaluateHoldout(m, [1], [1], [2], [1], [39, 2], 5)).Should().Throw<ArgumentException>().WithParameterName("holdoutFrequency");
        FluentActions.Invoking(() => ModelEvaluation.EvaluateHoldout(m, null!, 5)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void EvaluateFrequencyFit_WeightedRows_EqualRepeatedRows()
    {
        // Issue 4: BG/BB pattern counts (donations.csv weights) must count as customers, not as one row each.
        var model = new BgBbModel(1.204, 0.750, 0.657, 2.783, TimeUnit.Year);
        double[] x = [0, 1, 3, 6], t = [6, 6, 6, 6], w = [3, 2, 1, 4];
        var repeatedX = new List<double>();
        var repeatedT = new List<double>();
        for (int i = 0; i < x.Length; i++)
        {
            repeatedX.AddRange(Enumerable.Repeat(x[i], (int)w[i]));
            repeatedT.AddRange(Enumerable.Repeat(t[i], (int)w[i]));
        }

        var weighted = ModelEvaluation.EvaluateFrequencyFit(model, x, t, w, 5);
        var repeated = ModelEvaluation.EvaluateFrequencyFit(model, repeatedX.ToArray(), repeatedT.ToArray(), 5);
        weighted.Select(b => b.Actual).Should().Equal(repeated.Select(b => b.Actual));
        weighted.Sum(b => b.Actual).Should().Be(10);
        for (int n = 0; n <= 5; n++)
        {
            weighted[n].Expected.Should().BeApproximately(repeated[n].Expected, 1e-12);
        }
    }

    [Fact]
    public void EvaluateFrequencyFit_InvalidWeights_ThrowNamingThem()
    {
        var model = new BgBbModel(1.204, 0.750, 0.657, 2.783, TimeUnit.Year);
        FluentActions.Invoking(() => ModelEvaluation.EvaluateFrequencyFit(model, [1.0], [6.0], [-1.0], 5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("weights");
        FluentActions.Invoking(() => ModelEvaluation.EvaluateFrequencyFit(model, [1.0], [6.0], [1.0, 2.0], 5)).Should().Throw<ArgumentException>().WithParameterName("weights");
    }
}
