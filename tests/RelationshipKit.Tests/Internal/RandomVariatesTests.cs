using RelationshipKit.Internal;

namespace RelationshipKit.Tests.Internal;

public sealed class RandomVariatesTests
{
    private const int N = 200_000;

    [Theory]
    [InlineData(0.243)]
    [InlineData(0.793)]
    [InlineData(1.0)]
    [InlineData(3.74)]
    [InlineData(6.25)]
    public void Gamma_ManyDraws_MatchMeanAndVarianceOfShape(double shape)
    {
        var random = new RandomVariates(11);
        var draws = new double[N];
        for (int i = 0; i < N; i++)
        {
            draws[i] = random.Gamma(shape);
            draws[i].Should().BeGreaterThanOrEqualTo(0.0);
        }

        (double mean, double variance) = Moments(draws);

        // Gamma(k, 1): mean k, variance k, excess kurtosis 6/k; the sample variance has variance ~ sigma^4 (2 + 6/k) / n.
        mean.Should().BeApproximately(shape, 4 * Math.Sqrt(shape / N));
        variance.Should().BeApproximately(shape, 4 * shape * Math.Sqrt((2 + (6 / shape)) / N));
    }

    [Theory]
    [InlineData(0.793, 2.426)]
    [InlineData(2.0, 5.0)]
    [InlineData(0.3, 0.4)]
    public void Beta_ManyDraws_MatchMeanAndVariance(double a, double b)
    {
        var random = new RandomVariates(12);
        var draws = new double[N];
        for (int i = 0; i < N; i++)
        {
            draws[i] = random.Beta(a, b);
            draws[i].Should().BeInRange(0.0, 1.0);
        }

        (double mean, double variance) = Moments(draws);
        double expectedMean = a / (a + b);
        double expectedVariance = a * b / ((a + b) * (a + b) * (a + b + 1));
        mean.Should().BeApproximately(expectedMean, 4 * Math.Sqrt(expectedVariance / N));

        // A Beta variate lies in [0, 1], so its fourth central moment is at most its variance: a loose but safe bound.
        variance.Should().BeApproximately(expectedVariance, 4 * Math.Sqrt(expectedVariance / N));
    }

    [Fact]
    public void StandardNormal_ManyDraws_HaveMeanZeroVarianceOne()
    {
        var random = new RandomVariates(13);
        var draws = new double[N];
        for (int i = 0; i < N; i++)
        {
            draws[i] = random.StandardNormal();
        }

        (double mean, double variance) = Moments(draws);
        mean.Should().BeApproximately(0.0, 4 * Math.Sqrt(1.0 / N));
        variance.Should().BeApproximately(1.0, 4 * Math.Sqrt(2.0 / N));
    }

    [Fact]
    public void StandardExponential_ManyDraws_HaveMeanOneVarianceOne()
    {
        var random = new RandomVariates(14);
        var draws = new double[N];
        for (int i = 0; i < N; i++)
        {
            draws[i] = random.StandardExponential();
            draws[i].Should().BeGreaterThanOrEqualTo(0.0);
        }

        (double mean, double variance) = Moments(draws);
        mean.Should().BeApproximately(1.0, 4 * Math.Sqrt(1.0 / N));

        // Exponential: excess kurtosis 6, so Var(s^2) ~ (2 + 6) / n.
        variance.Should().BeApproximately(1.0, 4 * Math.Sqrt(8.0 / N));
    }

    private static (double Mean, double Variance) Moments(double[] draws)
    {
        double mean = draws.Average();
        double sum = 0;
        foreach (double x in draws)
        {
            sum += (x - mean) * (x - mean);
        }

        return (mean, sum / (draws.Length - 1));
    }
}
