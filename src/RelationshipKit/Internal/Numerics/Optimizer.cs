namespace RelationshipKit.Internal.Numerics;

/// <summary>An objective to minimise: returns f(θ) and writes ∇f(θ) into <c>gradient</c>; +∞ or NaN marks an infeasible point.</summary>
internal delegate double Objective(ReadOnlySpan<double> theta, Span<double> gradient);

/// <summary>The outcome of one minimisation.</summary>
internal sealed class OptimizationResult(double[] theta, double value, double[] gradient, int iterations, int evaluations, bool converged, string reason)
{
    public double[] Theta { get; } = theta;

    public double Value { get; } = value;

    public double[] Gradient { get; } = gradient;

    public int Iterations { get; } = iterations;

    public int Evaluations { get; } = evaluations;

    public bool Converged { get; } = converged;

    public string Reason { get; } = reason;
}

/// <summary>Quasi-Newton and simplex minimisers (Nocedal &amp; Wright 2006, algorithms 3.5, 3.6 and 6.1; Nelder &amp; Mead 1965).</summary>
/// <remarks>Pure and thread-safe: every call owns its scratch arrays.</remarks>
internal static class Optimizer
{
    /// <summary>BFGS with a strong-Wolfe line search. Converged when ‖∇f‖∞ ≤ <paramref name="gradientTolerance"/> and the last change of f is at most <paramref name="valueTolerance"/> (1 + |f|).</summary>
    public static OptimizationResult Bfgs(Objective objective, double[] start, int maxIterations, double gradientTolerance, double valueTolerance)
    {
        int n = start.Length;
        double[] x = (double[])start.Clone();
        double[] g = new double[n];
        double f = objective(x, g);
        int evaluations = 1;
        if (!double.IsFinite(f) || !AllFinite(g))
        {
            return new OptimizationResult(x, f, g, 0, evaluations, false, "the objective is not finite at the starting point");
        }

        double[] h = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            h[(i * n) + i] = 1;
        }

        double[] p = new double[n], xNew = new double[n], gNew = new double[n], s = new double[n], y = new double[n], hy = new double[n];
        double lastChange = double.PositiveInfinity;
        bool scaled = false;
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            if (NormInf(g) <= gradientTolerance && lastChange <= valueTolerance * (1 + Math.Abs(f)))
            {
                return new OptimizationResult(x, f, g, iteration - 1, evaluations, true, "converged: gradient and change of the objective below tolerance");
            }

            // p = −H g.
            for (int i = 0; i < n; i++)
            {
                double acc = 0;
                for (int j = 0; j < n; j++)
                {
                    acc -= h[(i * n) + j] * g[j];
                }

                p[i] = acc;
            }

            double slope = Dot(p, g);
            if (!(slope < 0))
            {
                // Not a descent direction: restart from steepest descent.
                ResetIdentity(h, n);
                for (int i = 0; i < n; i++)
                {
                    p[i] = -g[i];
                }

                slope = -Dot(g, g);
                if (slope == 0)
                {
                    return new OptimizationResult(x, f, g, iteration, evaluations, NormInf(g) <= gradientTolerance, "zero gradient");
                }
            }

            double initialStep = scaled ? 1 : Math.Min(1, 1 / Math.Max(1e-12, NormInf(p)));
            double step = LineSearch(objective, x, f, g, p, slope, initialStep, xNew, gNew, out double fNew, ref evaluations);
            if (step <= 0)
            {
                bool ok = NormInf(g) <= gradientTolerance * 10;
                return new OptimizationResult(x, f, g, iteration, evaluations, ok, ok ? "converged: no further decrease possible at machine precision" : "the line search found no decrease");
            }

            for (int i = 0; i < n; i++)
            {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
            }

            lastChange = Math.Abs(f - fNew);
            Array.Copy(xNew, x, n);
            Array.Copy(gNew, g, n);
            f = fNew;
            double ys = Dot(y, s);
            if (ys > 1e-12 * Math.Sqrt(Dot(y, y) * Dot(s, s)))
            {
                if (!scaled)
                {
                    double gamma = ys / Dot(y, y);
                    ResetIdentity(h, n);
                    for (int i = 0; i < n; i++)
                    {
                        h[(i * n) + i] = gamma;
                    }

                    scaled = true;
                }

                double rho = 1 / ys;
                for (int i = 0; i < n; i++)
                {
                    double acc = 0;
                    for (int j = 0; j < n; j++)
                    {
                        acc += h[(i * n) + j] * y[j];
                    }

                    hy[i] = acc;
                }

                double yhy = Dot(y, hy);
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        h[(i * n) + j] += (((1 + (rho * yhy)) * rho * s[i] * s[j]) - (rho * ((hy[i] * s[j]) + (s[i] * hy[j]))));
                    }
                }
            }
        }

        bool done = NormInf(g) <= gradientTolerance && lastChange <= valueTolerance * (1 + Math.Abs(f));
        return new OptimizationResult(x, f, g, maxIterations, evaluations, done, done ? "converged" : $"no convergence within {maxIterations} iterations");
    }

    /// <summary>Nelder-Mead simplex on f alone (adaptive coefficients of Gao &amp; Han 2012); stops when the simplex values agree to <paramref name="tolerance"/>.</summary>
    public static OptimizationResult NelderMead(Objective objective, double[] start, double initialStep, int maxIterations, double tolerance)
    {
        int n = start.Length;
        double alpha = 1, beta = 1 + (2.0 / n), gamma = 0.75 - (1.0 / (2 * n)), delta = 1 - (1.0 / n);
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        double[] scratch = new double[n];
        int evaluations = 0;
        double Eval(double[] point)
        {
            evaluations++;
            double v = objective(point, scratch);
            return double.IsNaN(v) ? double.PositiveInfinity : v;
        }

        for (int i = 0; i <= n; i++)
        {
            simplex[i] = (double[])start.Clone();
            if (i > 0)
            {
                simplex[i][i - 1] += initialStep;
            }

            values[i] = Eval(simplex[i]);
        }

        double[] centroid = new double[n], xr = new double[n], xe = new double[n], xc = new double[n];
        int iteration = 0;
        for (; iteration < maxIterations; iteration++)
        {
            Array.Sort(values, simplex);
            if (double.IsFinite(values[0]) && Math.Abs(values[n] - values[0]) <= tolerance * (1 + Math.Abs(values[0])))
            {
                break;
            }

            Array.Clear(centroid);
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    centroid[j] += simplex[i][j] / n;
                }
            }

            for (int j = 0; j < n; j++)
            {
                xr[j] = centroid[j] + (alpha * (centroid[j] - simplex[n][j]));
            }

            double fr = Eval(xr);
            if (fr < values[0])
            {
                for (int j = 0; j < n; j++)
                {
                    xe[j] = centroid[j] + (beta * (xr[j] - centroid[j]));
                }

                double fe = Eval(xe);
                Replace(simplex, values, n, fe < fr ? xe : xr, Math.Min(fe, fr));
            }
            else if (fr < values[n - 1])
            {
                Replace(simplex, values, n, xr, fr);
            }
            else
            {
                bool outside = fr < values[n];
                for (int j = 0; j < n; j++)
                {
                    xc[j] = outside ? centroid[j] + (gamma * (xr[j] - centroid[j])) : centroid[j] - (gamma * (centroid[j] - simplex[n][j]));
                }

                double fc = Eval(xc);
                if (fc < (outside ? fr : values[n]))
                {
                    Replace(simplex, values, n, xc, fc);
                }
                else
                {
                    for (int i = 1; i <= n; i++)
                    {
                        for (int j = 0; j < n; j++)
                        {
                            simplex[i][j] = simplex[0][j] + (delta * (simplex[i][j] - simplex[0][j]));
                        }

                        values[i] = Eval(simplex[i]);
                    }
                }
            }
        }

        Array.Sort(values, simplex);
        double[] gradient = new double[n];
        double best = objective(simplex[0], gradient);
        bool converged = iteration < maxIterations && double.IsFinite(best);
        return new OptimizationResult(simplex[0], best, gradient, iteration, evaluations + 1, converged, converged ? "simplex collapsed" : $"simplex did not collapse within {maxIterations} iterations");
    }

    /// <summary>The Hessian by central differences of the gradient, symmetrised; row-major n×n.</summary>
    public static double[] Hessian(Objective objective, double[] x, double step)
    {
        int n = x.Length;
        double[] hessian = new double[n * n];
        double[] point = (double[])x.Clone();
        double[] gp = new double[n], gm = new double[n];
        for (int j = 0; j < n; j++)
        {
            point[j] = x[j] + step;
            objective(point, gp);
            point[j] = x[j] - step;
            objective(point, gm);
            point[j] = x[j];
            for (int i = 0; i < n; i++)
            {
                hessian[(i * n) + j] = (gp[i] - gm[i]) / (2 * step);
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double avg = 0.5 * (hessian[(i * n) + j] + hessian[(j * n) + i]);
                hessian[(i * n) + j] = avg;
                hessian[(j * n) + i] = avg;
            }
        }

        return hessian;
    }

    /// <summary>Inverts a symmetric positive-definite matrix by Cholesky; false when it is not positive definite.</summary>
    public static bool TryInvertSymmetricPositiveDefinite(double[] matrix, int n, out double[] inverse)
    {
        double[] l = new double[n * n];
        inverse = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = matrix[(i * n) + j];
                for (int k = 0; k < j; k++)
                {
                    sum -= l[(i * n) + k] * l[(j * n) + k];
                }

                if (i == j)
                {
                    if (!(sum > 0) || !double.IsFinite(sum))
                    {
                        return false;
                    }

                    l[(i * n) + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[(i * n) + j] = sum / l[(j * n) + j];
                }
            }
        }

        // Solve L Lᵀ X = I column by column.
        double[] column = new double[n];
        for (int c = 0; c < n; c++)
        {
            for (int i = 0; i < n; i++)
            {
                double sum = i == c ? 1 : 0;
                for (int k = 0; k < i; k++)
                {
                    sum -= l[(i * n) + k] * column[k];
                }

                column[i] = sum / l[(i * n) + i];
            }

            for (int i = n - 1; i >= 0; i--)
            {
                double sum = column[i];
                for (int k = i + 1; k < n; k++)
                {
                    sum -= l[(k * n) + i] * column[k];
                }

                column[i] = sum / l[(i * n) + i];
            }

            for (int i = 0; i < n; i++)
            {
                inverse[(i * n) + c] = column[i];
            }
        }

        return true;
    }

    /// <summary>A central-difference gradient (step 1e-5) for objectives without an analytic one.</summary>
    public static Objective WithNumericalGradient(Func<double[], double> value, int n)
    {
        return (theta, gradient) =>
        {
            double[] point = theta.ToArray();
            double f = value(point);
            if (gradient.Length == 0 || !double.IsFinite(f))
            {
                return f;
            }

            for (int i = 0; i < n; i++)
            {
                double h = 1e-5 * Math.Max(1, Math.Abs(point[i]));
                double keep = point[i];
                point[i] = keep + h;
                double fp = value(point);
                point[i] = keep - h;
                double fm = value(point);
                point[i] = keep;
                gradient[i] = (fp - fm) / (2 * h);
            }

            return f;
        };
    }

    internal static double NormInf(ReadOnlySpan<double> v)
    {
        double m = 0;
        foreach (double e in v)
        {
            m = Math.Max(m, Math.Abs(e));
        }

        return double.IsNaN(m) ? double.PositiveInfinity : m;
    }

    private static void Replace(double[][] simplex, double[] values, int index, double[] point, double value)
    {
        Array.Copy(point, simplex[index], point.Length);
        values[index] = value;
    }

    private static void ResetIdentity(double[] h, int n)
    {
        Array.Clear(h);
        for (int i = 0; i < n; i++)
        {
            h[(i * n) + i] = 1;
        }
    }

    private static bool AllFinite(double[] v)
    {
        foreach (double e in v)
        {
            if (!double.IsFinite(e))
            {
                return false;
            }
        }

        return true;
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    // Strong-Wolfe line search (Nocedal & Wright algorithms 3.5 and 3.6) with cubic/bisection interpolation.
    private static double LineSearch(Objective objective, double[] x, double f0, double[] g0, double[] p, double slope0, double initial, double[] xOut, double[] gOut, out double fOut, ref int evaluations)
    {
        const double c1 = 1e-4, c2 = 0.9;
        int n = x.Length;
        double[] gTrial = new double[n];
        double previousStep = 0, previousValue = f0, previousSlope = slope0;
        double step = initial;
        fOut = f0;
        for (int i = 0; i < 40; i++)
        {
            double value = Evaluate(objective, x, p, step, xOut, gTrial, ref evaluations);
            double slope = double.IsFinite(value) ? Dot(gTrial, p) : double.NaN;
            if (!double.IsFinite(value) || !double.IsFinite(slope))
            {
                // Infeasible: shrink towards the last good point.
                step = previousStep + (0.2 * (step - previousStep));
                if (step - previousStep < 1e-16)
                {
                    break;
                }

                continue;
            }

            if (value > f0 + (c1 * step * slope0) || (i > 0 && value >= previousValue))
            {
                return Zoom(objective, x, f0, slope0, p, previousStep, previousValue, previousSlope, step, value, slope, xOut, gOut, out fOut, ref evaluations);
            }

            if (Math.Abs(slope) <= -c2 * slope0)
            {
                Array.Copy(gTrial, gOut, n);
                fOut = value;
                return step;
            }

            if (slope >= 0)
            {
                return Zoom(objective, x, f0, slope0, p, step, value, slope, previousStep, previousValue, previousSlope, xOut, gOut, out fOut, ref evaluations);
            }

            previousStep = step;
            previousValue = value;
            previousSlope = slope;
            Array.Copy(gTrial, gOut, n);
            fOut = value;
            step *= 2;
        }

        if (previousStep > 0 && previousValue < f0)
        {
            Evaluate(objective, x, p, previousStep, xOut, gOut, ref evaluations);
            fOut = previousValue;
            return previousStep;
        }

        return 0;
    }

    private static double Zoom(Objective objective, double[] x, double f0, double slope0, double[] p, double lo, double fLo, double slopeLo, double hi, double fHi, double slopeHi, double[] xOut, double[] gOut, out double fOut, ref int evaluations)
    {
        const double c1 = 1e-4, c2 = 0.9;
        double[] gTrial = new double[x.Length];
        for (int i = 0; i < 60; i++)
        {
            double step = CubicMinimum(lo, fLo, slopeLo, hi, fHi, slopeHi);
            double value = Evaluate(objective, x, p, step, xOut, gTrial, ref evaluations);
            double slope = double.IsFinite(value) ? Dot(gTrial, p) : double.NaN;
            if (!double.IsFinite(value) || value > f0 + (c1 * step * slope0) || value >= fLo)
            {
                hi = step;
                fHi = double.IsFinite(value) ? value : double.PositiveInfinity;
                slopeHi = double.IsFinite(slope) ? slope : double.NaN;
            }
            else
            {
                if (Math.Abs(slope) <= -c2 * slope0)
                {
                    Array.Copy(gTrial, gOut, x.Length);
                    fOut = value;
                    return step;
                }

                if (slope * (hi - lo) >= 0)
                {
                    hi = lo;
                    fHi = fLo;
                    slopeHi = slopeLo;
                }

                lo = step;
                fLo = value;
                slopeLo = slope;
            }

            if (Math.Abs(hi - lo) <= 1e-14 * Math.Max(1, Math.Abs(lo)))
            {
                break;
            }
        }

        if (lo > 0 && fLo < f0)
        {
            fOut = Evaluate(objective, x, p, lo, xOut, gOut, ref evaluations);
            return lo;
        }

        fOut = f0;
        return 0;
    }

    private static double CubicMinimum(double a, double fa, double da, double b, double fb, double db)
    {
        double lo = Math.Min(a, b), hi = Math.Max(a, b), width = hi - lo;
        if (double.IsFinite(fb) && double.IsFinite(db) && double.IsFinite(da))
        {
            double d1 = da + db - (3 * (fa - fb) / (a - b));
            double disc = (d1 * d1) - (da * db);
            if (disc >= 0)
            {
                double d2 = Math.Sign(b - a) * Math.Sqrt(disc);
                double t = b - ((b - a) * (db + d2 - d1) / (db - da + (2 * d2)));
                if (double.IsFinite(t) && t > lo + (0.05 * width) && t < hi - (0.05 * width))
                {
                    return t;
                }
            }
        }

        return 0.5 * (a + b);
    }

    private static double Evaluate(Objective objective, double[] x, double[] p, double step, double[] point, double[] gradient, ref int evaluations)
    {
        for (int i = 0; i < x.Length; i++)
        {
            point[i] = x[i] + (step * p[i]);
        }

        evaluations++;
        return objective(point, gradient);
    }
}
