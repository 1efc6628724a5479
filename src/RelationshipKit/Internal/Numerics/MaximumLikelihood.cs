namespace RelationshipKit.Internal.Numerics;

/// <summary>The outcome of a maximum-likelihood fit in log-parameter space.</summary>
internal sealed class MleResult(double[] logTheta, double logLikelihood, bool converged, string reason, int iterations, double[]? covarianceLog)
{
    /// <summary>The estimates, as natural logarithms of the parameters.</summary>
    public double[] LogTheta { get; } = logTheta;

    /// <summary>The total (weighted, unpenalised) log-likelihood at the estimates.</summary>
    public double LogLikelihood { get; } = logLikelihood;

    public bool Converged { get; } = converged;

    public string Reason { get; } = reason;

    public int Iterations { get; } = iterations;

    /// <summary>The asymptotic covariance of the log-parameters (row-major), or null when the Hessian is not positive definite.</summary>
    public double[]? CovarianceLog { get; } = covarianceLog;
}

/// <summary>
/// Maximum likelihood for positive parameters: minimises the mean negative log-likelihood per customer plus
/// an optional L2 penalty λ Σ θ² on the natural scale (the <c>penalizer_coef</c> convention of lifetimes), over
/// log-parameters: several starts are ranked by the objective, BFGS with a strong-Wolfe line search runs from the best
/// (the next starts, each with Nelder-Mead then BFGS again, only when it fails), then
/// Newton steps with the finite-difference Hessian of the analytic gradient. Converged means: gradient and change
/// of the objective below tolerance, Hessian positive definite, no parameter at the ±e^20 guard.
/// </summary>
internal static class MaximumLikelihood
{
    private const double Guard = 25;
    private const double BoundaryWarning = 20;

    public static MleResult Fit(Objective meanNegativeLogLikelihood, double totalWeight, double penalizer, IReadOnlyList<double[]> starts, int maxIterations, string[] names)
    {
        int n = starts[0].Length;
        Objective objective = (theta, gradient) =>
        {
            for (int i = 0; i < theta.Length; i++)
            {
                if (!(Math.Abs(theta[i]) <= Guard))
                {
                    return double.PositiveInfinity;
                }
            }

            double f = meanNegativeLogLikelihood(theta, gradient);
            if (penalizer > 0)
            {
                for (int i = 0; i < theta.Length; i++)
                {
                    double v = Math.Exp(theta[i]);
                    f += penalizer * v * v;
                    if (gradient.Length > 0)
                    {
                        gradient[i] += 2 * penalizer * v * v;
                    }
                }
            }

            return double.IsNaN(f) ? double.PositiveInfinity : f;
        };

        // Rank the starts by their objective and run from the best two.
        double[] scratch = new double[n];
        var ranked = starts.Select(s => (Start: s, Value: objective(s, scratch))).Where(s => double.IsFinite(s.Value)).OrderBy(s => s.Value).ToList();
        if (ranked.Count == 0)
        {
            return new MleResult(starts[0], double.NaN, false, "the likelihood is not finite at any starting point", 0, null);
        }

        // BFGS from the best start; the next starts (and Nelder-Mead) only when it fails.
        OptimizationResult? best = null;
        int iterations = 0;
        foreach (var (start, _) in ranked.Take(3))
        {
            OptimizationResult run = Optimizer.Bfgs(objective, start, maxIterations, 1e-7, 1e-12);
            iterations += run.Iterations;
            if (!run.Converged)
            {
                OptimizationResult simplex = Optimizer.NelderMead(objective, run.Value <= ranked[0].Value ? run.Theta : start, 0.5, 2000, 1e-13);
                iterations += simplex.Iterations;
                OptimizationResult again = Optimizer.Bfgs(objective, simplex.Theta, maxIterations, 1e-7, 1e-12);
                iterations += again.Iterations;
                run = again.Value <= simplex.Value ? again : simplex;
            }

            if (best is null || run.Value < best.Value - 1e-12 || (run.Converged && !best.Converged && run.Value <= best.Value + 1e-9))
            {
                best = run;
            }

            if (best.Converged)
            {
                break;
            }
        }

        double[] theta = (double[])best!.Theta.Clone();
        double value = best.Value;
        double[] gradient = new double[n];
        value = objective(theta, gradient);

        // Newton polish with the finite-difference Hessian of the analytic gradient: at most two steps, each
        // accepted only when it lowers the objective and the gradient; the Hessian is recomputed for the covariance
        // only when a step moved the estimate by more than 1e-5 (on the log scale).
        double[] hessian = Optimizer.Hessian(objective, theta, 1e-5);
        bool positive = Optimizer.TryInvertSymmetricPositiveDefinite(hessian, n, out double[] inverse);
        bool moved = false;
        for (int step = 0; step < 2 && positive && Optimizer.NormInf(gradient) > 1e-12; step++)
        {
            double[] candidate = new double[n];
            for (int i = 0; i < n; i++)
            {
                double d = 0;
                for (int j = 0; j < n; j++)
                {
                    d += inverse[(i * n) + j] * gradient[j];
                }

                candidate[i] = theta[i] - d;
            }

            double[] candidateGradient = new double[n];
            double candidateValue = objective(candidate, candidateGradient);
            if (!(candidateValue <= value + (1e-13 * (1 + Math.Abs(value)))) || !(Optimizer.NormInf(candidateGradient) < Optimizer.NormInf(gradient)))
            {
                break;
            }

            double shift = 0;
            for (int i = 0; i < n; i++)
            {
                shift = Math.Max(shift, Math.Abs(candidate[i] - theta[i]));
            }

            theta = candidate;
            value = candidateValue;
            gradient = candidateGradient;
            iterations++;
            moved |= shift > 1e-5;
        }

        if (moved)
        {
            hessian = Optimizer.Hessian(objective, theta, 1e-5);
            positive = Optimizer.TryInvertSymmetricPositiveDefinite(hessian, n, out inverse);
        }

        double gradientNorm = Optimizer.NormInf(gradient);
        double[] unpenalisedGradient = new double[n];
        double logLikelihood = -meanNegativeLogLikelihood(theta, unpenalisedGradient) * totalWeight;
        double[]? covariance = null;
        if (positive)
        {
            covariance = new double[n * n];
            for (int i = 0; i < covariance.Length; i++)
            {
                covariance[i] = inverse[i] / totalWeight;
            }
        }

        string reason;
        bool converged;
        int atBoundary = Array.FindIndex(theta, t => Math.Abs(t) > BoundaryWarning);
        if (atBoundary >= 0)
        {
            converged = false;
            reason = $"parameter '{names[atBoundary]}' runs to {(theta[atBoundary] > 0 ? "infinity" : "zero")} (the data do not identify it); try a penalizer";
        }
        else if (!positive)
        {
            converged = false;
            reason = "the Hessian at the estimate is not positive definite (a saddle point or a flat likelihood); try a penalizer or other starting values";
        }
        else if (gradientNorm > 1e-5)
        {
            converged = false;
            reason = $"the gradient did not vanish (max |g| = {gradientNorm:G3}): {best.Reason}";
        }
        else
        {
            converged = true;
            reason = best.Converged ? best.Reason : "converged after Newton polishing";
        }

        return new MleResult(theta, logLikelihood, converged, reason, iterations, covariance);
    }
}
