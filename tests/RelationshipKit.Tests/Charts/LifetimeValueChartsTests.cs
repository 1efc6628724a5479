using RelationshipKit.Charts;
using RelationshipKit.Differentiation.LifetimeValue;

namespace RelationshipKit.Tests.Charts;

public sealed class LifetimeValueChartsTests
{
    private static readonly BgNbdModel Model = new(0.243, 4.414, 0.793, 2.426, TimeUnit.Week);

    [Fact]
    public void Matrices_AreSvgWithTitles()
    {
        LifetimeValueCharts.FrequencyRecencyMatrix(Model, Horizon.Weeks(39), 10, 52, 600, 400).Should().Contain("<svg").And.Contain("Expected purchases");
        LifetimeValueCharts.ProbabilityAliveMatrix(Model, 10, 52, 600, 400).Should().Contain("<svg").And.Contain("P(alive)");
        LifetimeValueCharts.ProbabilityAliveMatrix(new BgBbModel(1.2, 0.75, 0.66, 2.8, TimeUnit.Year), 6, 6, 600, 400).Should().Contain("<svg");
    }

    [Fact]
    public void EvaluationCharts_AreSvg()
    {
        IReadOnlyList<FrequencyFitBin> bins = ModelEvaluation.EvaluateFrequencyFit(Model, [0, 1, 2, 0, 5], [30, 30, 20, 10, 39], 3);
        LifetimeValueCharts.PeriodTransactions(bins, 600, 400).Should().Contain("<svg").And.Contain("repeat purchases");
        HoldoutEvaluation e = ModelEvaluation.EvaluateHoldout(Model, [0, 1, 2], [0, 3, 10], [30, 30, 20], [0, 1, 3], [39, 39, 39], 2);
        LifetimeValueCharts.CalibrationHoldout(e, 600, 400).Should().Contain("<svg").And.Contain("Holdout");
    }

    [Fact]
    public void Charts_InvalidArguments_Throw()
    {
        FluentActions.Invoking(() => LifetimeValueCharts.ProbabilityAliveMatrix(null!, 10, 52, 600, 400)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => LifetimeValueCharts.ProbabilityAliveMatrix(Model, 0, 52, 600, 400)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxFrequency");
        FluentActions.Invoking(() => LifetimeValueCharts.FrequencyRecencyMatrix(Model, Horizon.Weeks(1), 10, -1, 600, 400)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("age");
        FluentActions.Invoking(() => LifetimeValueCharts.PeriodTransactions(null!, 600, 400)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => LifetimeValueCharts.CalibrationHoldout(null!, 600, 400)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => LifetimeValueCharts.PeriodTransactions([], 10, 400)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("width");
    }
}
