using RelationshipKit.Differentiation.LifetimeValue;

namespace RelationshipKit.Tests.Differentiation.LifetimeValue;

/// <summary>The analytic likelihood gradients agree with central differences, on both Pareto/NBD branches.</summary>
public sealed class KernelGradientTests
{
    private static void Check(Func<double[], double[], double> f, double[] theta)
    {
        double[] g = new double[theta.Length];
        f(theta, g);
        for (int i = 0; i < theta.Length; i++)
        {
            const double h = 1e-6;
            double[] up = (double[])theta.Clone(), down = (double[])theta.Clone();
            up[i] += h;
            down[i] -= h;
            double fd = (f(up, []) - f(down, [])) / (2 * h);
            g[i].Should().BeApproximately(fd, 1e-6 * Math.Max(1, Math.Abs(fd)), $"component {i}");
        }
    }

    private static CompressedRows Rows(int seed)
    {
        var (x, tx, t) = new Samplers(seed).ParetoNbd(300, 0.7, 8, 0.8, 9, 2, 40);
        return SummaryColumns.Compress(x, tx, t, default);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BetaGeometric_Gradient_MatchesCentralDifferences(bool modified)
    {
        CompressedRows rows = Rows(41);
        Check((th, g) => BetaGeometricKernels.MeanNegativeLogLikelihood(rows, modified, th, g), [Math.Log(0.4), Math.Log(5), Math.Log(0.7), Math.Log(2.2)]);
    }

    [Theory]
    [InlineData(0.5, 10, 0.6, 12)]
    [InlineData(0.5, 12, 0.6, 10)]
    [InlineData(1.2, 60, 0.9, 0.8)]
    [InlineData(1.2, 0.5, 0.9, 60)]
    public void ParetoNbd_Gradient_MatchesCentralDifferences(double r, double alpha, double s, double beta)
    {
        CompressedRows rows = Rows(42);
        Check((th, g) => ParetoNbdKernels.MeanNegativeLogLikelihood(rows, th, g), [Math.Log(r), Math.Log(alpha), Math.Log(s), Math.Log(beta)]);
    }
}
