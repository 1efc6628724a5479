using RelationshipKit.Internal.Numerics;

namespace RelationshipKit.Tests.Internal.Numerics;

public sealed class OptimizerTests
{
    private static double Rosenbrock(ReadOnlySpan<double> x, Span<double> g)
    {
        double a = 1 - x[0], b = x[1] - (x[0] * x[0]);
        if (g.Length > 0)
        {
            g[0] = (-2 * a) - (400 * x[0] * b);
            g[1] = 200 * b;
        }

        return (a * a) + (100 * b * b);
    }

    [Fact]
    public void Bfgs_Rosenbrock_ConvergesToOneOne()
    {
        OptimizationResult r = Optimizer.Bfgs(Rosenbrock, [-1.2, 1], 500, 1e-8, 1e-14);
        r.Converged.Should().BeTrue(r.Reason);
        r.Theta[0].Should().BeApproximately(1, 1e-6);
        r.Theta[1].Should().BeApproximately(1, 1e-6);
    }

    [Fact]
    public void NelderMead_Rosenbrock_ConvergesNearOneOne()
    {
        OptimizationResult r = Optimizer.NelderMead(Rosenbrock, [-1.2, 1], 0.5, 5000, 1e-15);
        r.Converged.Should().BeTrue(r.Reason);
        r.Theta[0].Should().BeApproximately(1, 1e-4);
        r.Theta[1].Should().BeApproximately(1, 1e-4);
    }

    [Fact]
    public void Hessian_Quadratic_IsExactAndInverts()
    {
        static double Quadratic(ReadOnlySpan<double> x, Span<double> g)
        {
            g[0] = (4 * x[0]) + x[1];
            g[1] = x[0] + (2 * x[1]);
            return (2 * x[0] * x[0]) + (x[0] * x[1]) + (x[1] * x[1]);
        }

        double[] h = Optimizer.Hessian(Quadratic, [0.3, -0.2], 1e-5);
        h.Should().Equal([4, 1, 1, 2], (a, b) => Math.Abs(a - b) < 1e-8);
        Optimizer.TryInvertSymmetricPositiveDefinite(h, 2, out double[] inv).Should().BeTrue();
        inv[0].Should().BeApproximately(2.0 / 7, 1e-8);
        inv[1].Should().BeApproximately(-1.0 / 7, 1e-8);
        Optimizer.TryInvertSymmetricPositiveDefinite([1, 2, 2, 1], 2, out _).Should().BeFalse();
    }

    [Fact]
    public void Bfgs_InfeasibleStart_SaysSo()
    {
        OptimizationResult r = Optimizer.Bfgs((_, _) => double.PositiveInfinity, [0, 0], 100, 1e-8, 1e-12);
        r.Converged.Should().BeFalse();
        r.Reason.Should().Contain("not finite");
    }
}
