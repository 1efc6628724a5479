using RelationshipKit.Differentiation.LifetimeValue;

namespace RelationshipKit.Tests.Differentiation.LifetimeValue;

public sealed class ShiftedBetaGeometricModelTests
{
    private static readonly ShiftedBetaGeometricModel Regular = new(0.704, 1.182, TimeUnit.Year);

    [Fact]
    public void Curves_AreConsistent()
    {
        Span<double> survival = stackalloc double[13];
        Span<double> retention = stackalloc double[12];
        Regular.SurvivalCurve(survival);
        Regular.RetentionCurve(retention);
        survival[0].Should().Be(1);
        for (int t = 1; t < 13; t++)
        {
            survival[t].Should().BeApproximately(Regular.Survival(t), 1e-13);
            (survival[t - 1] - survival[t]).Should().BeApproximately(Regular.ChurnProbability(t), 1e-13);
            retention[t - 1].Should().BeApproximately(survival[t] / survival[t - 1], 1e-13);
        }

        retention[11].Should().BeGreaterThan(retention[0], "heterogeneity makes retention rise with tenure");
    }

    [Fact]
    public void Projection_PublishedRegularCohort_TracksTheHoldoutYears()
    {
        // Fader & Hardie (2007): fitted on years 0-7, the sBG projects years 8-12 of the regular cohort closely.
        double[] actual = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];
        ShiftedBetaGeometricModel m = ShiftedBetaGeometricModel.Fit(actual.AsSpan(0, 8), TimeUnit.Year);
        for (int t = 8; t <= 12; t++)
        {
            (1000 * m.Survival(t)).Should().BeApproximately(actual[t], 0.12 * actual[t]);
        }
    }

    [Theory]
    [InlineData(0.1, 0)]
    [InlineData(0.1, 4)]
    [InlineData(0.01, 2)]
    public void DiscountedExpectedResidualLifetime_MatchesTheDirectSum(double rate, int renewals)
    {
        // Σ_{t ≥ n} S(t)/S(n − 1) / (1 + d)^(t − n), with n = renewals + 1.
        int n = renewals + 1;
        double sum = 0;
        for (int t = n; t < 200000; t++)
        {
            double term = Regular.Survival(t) / Regular.Survival(n - 1) / Math.Pow(1 + rate, t - n);
            sum += term;
            if (term < 1e-17 * sum)
            {
                break;
            }
        }

        Regular.DiscountedExpectedResidualLifetime(renewals, DiscountRate.PerYear(rate)).Should().BeApproximately(sum, 1e-9 * sum);
    }

    [Fact]
    public void Methods_InvalidArguments_Throw()
    {
        FluentActions.Invoking(() => Regular.Survival(-1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("periods");
        FluentActions.Invoking(() => Regular.ChurnProbability(0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("period");
        FluentActions.Invoking(() => Regular.RetentionRate(0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("period");
        FluentActions.Invoking(() => Regular.DiscountedExpectedResidualLifetime(-1, DiscountRate.PerYear(0.1))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("renewals");
        FluentActions.Invoking(() => Regular.DiscountedExpectedResidualLifetime(1, DiscountRate.Zero)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("discountRate");
        FluentActions.Invoking(() => new ShiftedBetaGeometricModel(0, 1, TimeUnit.Year)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("alpha");
        FluentActions.Invoking(() => ShiftedBetaGeometricModel.Fit([1000], TimeUnit.Year)).Should().Throw<ArgumentException>().WithParameterName("survivors");
        FluentActions.Invoking(() => ShiftedBetaGeometricModel.Fit([1000, 1200], TimeUnit.Year)).Should().Throw<InvalidSummaryException>().Which.Row.Should().Be(1);
        FluentActions.Invoking(() => ShiftedBetaGeometricModel.Fit([0, 0], TimeUnit.Year)).Should().Throw<InvalidSummaryException>();
    }

    [Fact]
    public void Json_RoundTrip_KeepsParameters()
    {
        ShiftedBetaGeometricModel m = ShiftedBetaGeometricModel.Fit([1000, 631, 468, 382, 326, 289, 262, 241], TimeUnit.Year);
        ShiftedBetaGeometricModel back = ShiftedBetaGeometricModel.FromJson(m.ToJson());
        back.Alpha.Should().Be(m.Alpha);
        back.Beta.Should().Be(m.Beta);
        back.Period.Should().Be(TimeUnit.Year);
        back.FitReport!.Parameters[0].StandardError.Should().Be(m.FitReport!.Parameters[0].StandardError);
    }
}
