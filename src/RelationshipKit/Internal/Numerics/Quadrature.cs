namespace RelationshipKit.Internal.Numerics;

/// <summary>Adaptive Gauss-Legendre quadrature (20-point rule, interval halving until the halves agree).</summary>
/// <remarks>Nodes and weights are computed once by Newton's method on the Legendre polynomial (Golub-Welsch-free,
/// Numerical Recipes 3rd ed. §4.6 <c>gauleg</c>). Pure and thread-safe.</remarks>
internal static class Quadrature
{
    private const int Order = 20;
    private static readonly (double[] Nodes, double[] Weights) Rule = Legendre(Order);

    public static double Integrate(Func<double, double> f, double a, double b, double relativeTolerance)
    {
        double whole = Rule20(f, a, b);
        return Adaptive(f, a, b, whole, relativeTolerance, 0);
    }

    private static double Adaptive(Func<double, double> f, double a, double b, double whole, double tolerance, int depth)
    {
        double mid = 0.5 * (a + b);
        double left = Rule20(f, a, mid), right = Rule20(f, mid, b);
        double sum = left + right;
        if (depth >= 30 || Math.Abs(sum - whole) <= tolerance * Math.Abs(sum) || Math.Abs(sum - whole) < 1e-300)
        {
            return sum;
        }

        return Adaptive(f, a, mid, left, tolerance, depth + 1) + Adaptive(f, mid, b, right, tolerance, depth + 1);
    }

    /// <summary>The same adaptive rule over a struct integrand: no delegate and no closure, so nothing is allocated.</summary>
    public static double Integrate<TFunction>(in TFunction f, double a, double b, double relativeTolerance)
        where TFunction : struct, IIntegrand
    {
        double whole = Rule20(f, a, b);
        return Adaptive(f, a, b, whole, relativeTolerance, 0);
    }

    private static double Adaptive<TFunction>(in TFunction f, double a, double b, double whole, double tolerance, int depth)
        where TFunction : struct, IIntegrand
    {
        double mid = 0.5 * (a + b);
        double left = Rule20(f, a, mid), right = Rule20(f, mid, b);
        double sum = left + right;
        if (depth >= 30 || Math.Abs(sum - whole) <= tolerance * Math.Abs(sum) || Math.Abs(sum - whole) < 1e-300)
        {
            return sum;
        }

        return Adaptive(f, a, mid, left, tolerance, depth + 1) + Adaptive(f, mid, b, right, tolerance, depth + 1);
    }

    private static double Rule20<TFunction>(in TFunction f, double a, double b)
        where TFunction : struct, IIntegrand
    {
        double half = 0.5 * (b - a), center = 0.5 * (a + b), sum = 0;
        for (int i = 0; i < Order; i++)
        {
            sum += Rule.Weights[i] * f.Evaluate(center + (half * Rule.Nodes[i]));
        }

        return sum * half;
    }

    private static double Rule20(Func<double, double> f, double a, double b)
    {
        double half = 0.5 * (b - a), center = 0.5 * (a + b), sum = 0;
        for (int i = 0; i < Order; i++)
        {
            sum += Rule.Weights[i] * f(center + (half * Rule.Nodes[i]));
        }

        return sum * half;
    }

    private static (double[] Nodes, double[] Weights) Legendre(int n)
    {
        double[] x = new double[n], w = new double[n];
        int m = (n + 1) / 2;
        for (int i = 0; i < m; i++)
        {
            double z = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double pp;
            while (true)
            {
                double p1 = 1, p2 = 0;
                for (int j = 0; j < n; j++)
                {
                    double p3 = p2;
                    p2 = p1;
                    p1 = (((2.0 * j) + 1) * z * p2 - (j * p3)) / (j + 1);
                }

                pp = n * ((z * p1) - p2) / ((z * z) - 1);
                double z1 = z;
                z = z1 - (p1 / pp);
                if (Math.Abs(z - z1) < 1e-15)
                {
                    break;
                }
            }

            x[i] = -z;
            x[n - 1 - i] = z;
            w[i] = 2 / ((1 - (z * z)) * pp * pp);
            w[n - 1 - i] = w[i];
        }

        return (x, w);
    }
}

/// <summary>An integrand for <see cref="Quadrature.Integrate{TFunction}"/>.</summary>
internal interface IIntegrand
{
    double Evaluate(double x);
}
