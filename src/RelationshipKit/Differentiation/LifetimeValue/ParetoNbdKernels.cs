using RelationshipKit.Internal.Numerics;

namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>
/// Likelihood (with analytic gradient), P(alive) and expectations of the Pareto/NBD model, parameters (r, alpha, s, beta).
/// The likelihood follows Fader &amp; Hardie's note 008 ("A Note on Deriving the Pareto/NBD Model and Related
/// Expressions", 2005), evaluated in log space: ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln(e^C + e^B) with
/// C = −(r+x) ln(α+T) − s ln(β+T) and B = ln(s/(r+s+x)) + ln A₀, where A₀ is a difference of two
/// ₂F₁(r+s+x, ·; r+s+x+1; z) terms whose argument z = |α−β|/(max(α,β)+τ) is kept in [0, 1) by choosing the branch.
/// </summary>
internal static class ParetoNbdKernels
{
    /// <summary>The log of one A₀ term P(τ) = F(a₁, b₁; a₁+1; z(τ)) / (m+τ)^a₁ and its partial derivatives in r, α, s, β.</summary>
    private static double LogTerm(double r, double alpha, double s, double beta, double x, double tau, bool wantGradient, out double dr, out double dAlpha, out double ds, out double dBeta)
    {
        double a1 = r + s + x;
        if (alpha >= beta)
        {
            double m = alpha + tau;
            double z = (alpha - beta) / m;
            double f = Hypergeometric.Hyp2F1APlusOne(a1, s + 1, z, out double fa, out double fb, out double fz);
            double lnM = Math.Log(m);
            if (wantGradient)
            {
                double inv = 1 / f;
                dr = (fa * inv) - lnM;
                ds = ((fa + fb) * inv) - lnM;
                dAlpha = (fz * inv * (beta + tau) / (m * m)) - (a1 / m);
                dBeta = -fz * inv / m;
            }
            else
            {
                dr = dAlpha = ds = dBeta = 0;
            }

            return Math.Log(f) - (a1 * lnM);
        }
        else
        {
            double m = beta + tau;
            double z = (beta - alpha) / m;
            double f = Hypergeometric.Hyp2F1APlusOne(a1, r + x, z, out double fa, out double fb, out double fz);
            double lnM = Math.Log(m);
            if (wantGradient)
            {
                double inv = 1 / f;
                dr = ((fa + fb) * inv) - lnM;
                ds = (fa * inv) - lnM;
                dAlpha = -fz * inv / m;
                dBeta = (fz * inv * (alpha + tau) / (m * m)) - (a1 / m);
            }
            else
            {
                dr = dAlpha = ds = dBeta = 0;
            }

            return Math.Log(f) - (a1 * lnM);
        }
    }

    /// <summary>ln of the A₀-term B and of C, i.e. the two parts of the likelihood bracket, for one customer.</summary>
    public static void LogParts(ReadOnlySpan<double> p, double x, double tx, double t, out double logB, out double logC)
    {
        double r = p[0], alpha = p[1], s = p[2], beta = p[3];
        logC = (-(r + x) * Math.Log(alpha + t)) - (s * Math.Log(beta + t));
        double l1 = LogTerm(r, alpha, s, beta, x, tx, false, out _, out _, out _, out _);
        double l2 = LogTerm(r, alpha, s, beta, x, t, false, out _, out _, out _, out _);
        logB = l2 >= l1 ? double.NegativeInfinity : Math.Log(s / (r + s + x)) + SpecialFunctions.LogDiffExp(l1, l2);
    }

    public static double MeanNegativeLogLikelihood(CompressedRows rows, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double r = Math.Exp(theta[0]), alpha = Math.Exp(theta[1]), s = Math.Exp(theta[2]), beta = Math.Exp(theta[3]);
        bool wantGradient = gradient.Length > 0;
        double lnAlpha = Math.Log(alpha), lnBeta = Math.Log(beta);
        double lgR = SpecialFunctions.LogGamma(r), psiR = SpecialFunctions.Digamma(r);
        double total = 0, gr = 0, gAlpha = 0, gs = 0, gBeta = 0;
        int currentX = -1;
        double lgRx = 0, psiRx = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            int x = rows.X[i];
            if (x != currentX)
            {
                currentX = x;
                lgRx = SpecialFunctions.LogGamma(r + x) - lgR;
                psiRx = wantGradient ? SpecialFunctions.Digamma(r + x) - psiR : 0;
            }

            double w = rows.Weight[i];
            double tx = rows.Recency[i], t = rows.T[i];
            double rx = r + x, a1 = r + s + x;
            double lnAT = Math.Log(alpha + t), lnBT = Math.Log(beta + t);
            double logC = (-rx * lnAT) - (s * lnBT);
            double l1 = LogTerm(r, alpha, s, beta, x, tx, wantGradient, out double d1r, out double d1a, out double d1s, out double d1b);
            double l2 = LogTerm(r, alpha, s, beta, x, t, wantGradient, out double d2r, out double d2a, out double d2s, out double d2b);
            double ll, wB;
            double bR = 0, bA = 0, bS = 0, bB = 0;
            if (l2 < l1)
            {
                double rho = Math.Exp(l2 - l1);
                double logB = Math.Log(s / a1) + l1 + double.LogP1(-rho);
                double max = Math.Max(logB, logC);
                double eB = Math.Exp(logB - max), eC = Math.Exp(logC - max);
                ll = max + Math.Log(eB + eC);
                wB = eB / (eB + eC);
                if (wantGradient)
                {
                    double k = 1 / (1 - rho);
                    bR = (-1 / a1) + ((d1r - (rho * d2r)) * k);
                    bS = (1 / s) - (1 / a1) + ((d1s - (rho * d2s)) * k);
                    bA = (d1a - (rho * d2a)) * k;
                    bB = (d1b - (rho * d2b)) * k;
                }
            }
            else
            {
                ll = logC;
                wB = 0;
            }

            ll += lgRx + (r * lnAlpha) + (s * lnBeta);
            total += w * ll;
            if (wantGradient)
            {
                double wC = 1 - wB;
                gr += w * (psiRx + lnAlpha + (wC * -lnAT) + (wB * bR));
                gAlpha += w * ((r / alpha) + (wC * (-rx / (alpha + t))) + (wB * bA));
                gs += w * (lnBeta + (wC * -lnBT) + (wB * bS));
                gBeta += w * ((s / beta) + (wC * (-s / (beta + t))) + (wB * bB));
            }
        }

        double n = rows.TotalWeight;
        if (wantGradient)
        {
            gradient[0] = -gr * r / n;
            gradient[1] = -gAlpha * alpha / n;
            gradient[2] = -gs * s / n;
            gradient[3] = -gBeta * beta / n;
        }

        return -total / n;
    }

    public static double ProbabilityAlive(ReadOnlySpan<double> p, double x, double tx, double t)
    {
        LogParts(p, x, tx, t, out double logB, out double logC);
        return 1 / (1 + Math.Exp(logB - logC));
    }

    /// <summary>E[X(T, T+h) | x, t_x, T] = (r+x)(β+T)/((α+T)(s−1)) [1 − ((β+T)/(β+T+h))^(s−1)] P(alive).</summary>
    public static double ExpectedPurchases(ReadOnlySpan<double> p, double h, double x, double tx, double t)
    {
        if (h == 0)
        {
            return 0;
        }

        double r = p[0], alpha = p[1], s = p[2], beta = p[3];
        return (r + x) / (alpha + t) * GrowthTerm(s, beta + t, h) * ProbabilityAlive(p, x, tx, t);
    }

    /// <summary>(β'/(s−1)) [1 − (β'/(β'+h))^(s−1)], with its limit β' ln(1 + h/β') at s = 1.</summary>
    public static double GrowthTerm(double s, double betaT, double h)
    {
        double l = double.LogP1(h / betaT);
        double e = s - 1;
        if (Math.Abs(e * l) < 1e-8)
        {
            return betaT * l * (1 - (e * l / 2));
        }

        return betaT / e * -double.ExpM1(-e * l);
    }

    public static double ExpectedPurchasesNewCustomer(ReadOnlySpan<double> p, double h)
    {
        double r = p[0], alpha = p[1], s = p[2], beta = p[3];
        return h == 0 ? 0 : r / alpha * GrowthTerm(s, beta, h);
    }

    /// <summary>
    /// P(X(h) = n) for a new customer: NBD(n; h) (β/(β+h))^s + ∫₀^h NBD(n; τ) s β^s (β+τ)^−(s+1) dτ, the dropout time
    /// integrated out by adaptive Gauss-Legendre quadrature (relative tolerance 1e-12).
    /// </summary>
    public static double ProbabilityOfPurchases(ReadOnlySpan<double> p, int n, double h) => AlivePmf(p[0], p[1], p[2], p[3], n, h);

    /// <summary>
    /// P(X(T, T + h) = n | x, t_x, T) (Fader &amp; Hardie's note on the Pareto/NBD conditional pmf, as BTYD's
    /// <c>pnbd.ConditionalPMF</c>): given alive at T, λ ~ Gamma(r + x, α + T) and μ ~ Gamma(s, β + T) independently and the
    /// residual lifetime is exponential (memoryless), so the alive part is the new-customer pmf with r + x, α + T, β + T;
    /// a customer already gone makes none: P(alive) P_new(n) + (1 − P(alive)) 1{n = 0}.
    /// </summary>
    public static double ConditionalProbabilityOfPurchases(ReadOnlySpan<double> p, int n, double h, double x, double tx, double t)
    {
        if (h == 0)
        {
            return n == 0 ? 1 : 0;
        }

        double alive = ProbabilityAlive(p, x, tx, t);
        double result = (alive * AlivePmf(p[0] + x, p[1] + t, p[2], p[3] + t, n, h)) + (n == 0 ? 1 - alive : 0);
        return Math.Clamp(result, 0, 1);
    }

    /// <summary>
    /// P(X(h) = n) for a customer alive at the start with λ ~ Gamma(r, α), μ ~ Gamma(s, β):
    /// NBD(n; h) (β/(β+h))^s + ∫₀^h NBD(n; τ) s β^s (β+τ)^−(s+1) dτ, the dropout time integrated out by adaptive
    /// Gauss-Legendre quadrature (relative tolerance 1e-12).
    /// </summary>
    private static double AlivePmf(double r, double alpha, double s, double beta, int n, double h)
    {
        if (h == 0)
        {
            return n == 0 ? 1 : 0;
        }

        double lgc = SpecialFunctions.LogGamma(r + n) - SpecialFunctions.LogGamma(r) - SpecialFunctions.LogGamma(n + 1.0);
        var integrand = new DropoutIntegrand(r, alpha, s, beta, n, lgc);
        double alive = Math.Exp(integrand.LogNbd(h) + (s * Math.Log(beta / (beta + h))));
        double integral = Quadrature.Integrate(integrand, 0, h, 1e-12);
        return Math.Clamp(alive + integral, 0, 1);
    }

    /// <summary>
    /// DERT(δ | x, t_x, T) = ∫_T^∞ e^{−δ(u−T)} E[purchase rate at u] du (Fader, Hardie &amp; Lee 2005, "RFM and CLV: Using
    /// Iso-Value Curves for Customer Base Analysis", JMR 42(4), eq. 2): P(alive) (r+x)/(α+T) E[1/(δ+μ)] with
    /// μ ~ Gamma(s, β+T). E[1/(δ+μ)] = (β+T)^s δ^(s−1) U(s, s; δ(β+T)) in the paper's form; by U(s, s; z) = e^z z^(1−s) E_s(z)
    /// this is (β+T) e^z E_s(z), z = δ(β+T), evaluated as ∫₀^∞ e^{−zu} (1+u)^{−s} du.
    /// </summary>
    public static double DiscountedExpectedResidualPurchases(ReadOnlySpan<double> p, double delta, double x, double tx, double t)
    {
        double r = p[0], alpha = p[1], s = p[2], beta = p[3];
        double bt = beta + t;
        double residual;
        if (delta == 0)
        {
            residual = s > 1 ? bt / (s - 1) : double.PositiveInfinity;
        }
        else
        {
            residual = bt * ScaledExponentialIntegral(s, delta * bt);
        }

        return ProbabilityAlive(p, x, tx, t) * (r + x) / (alpha + t) * residual;
    }

    /// <summary>
    /// e^z E_s(z) = U(1, 2 − s; z) = ∫₀^∞ e^{−zu} (1+u)^{−s} du for s &gt; 0, z &gt; 0, integrated after u = e^y − 1
    /// (the integrand exp(−z(e^y − 1) + (1 − s) y) then falls doubly exponentially) to a relative 1e-13.
    /// </summary>
    internal static double ScaledExponentialIntegral(double s, double z)
    {
        var f = new ExponentialIntegrand(s, z);

        // Peak of the exponent (at y = ln((1−s)/z) when s < 1 and z < 1−s, else at 0); integrate until 745 below it.
        double yPeak = s < 1 && z < 1 - s ? Math.Log((1 - s) / z) : 0;
        double peak = f.Exponent(yPeak);
        double upper = Math.Max(1, yPeak + 1);
        while (f.Exponent(upper) > peak - 745)
        {
            upper *= 1.5;
        }

        if (yPeak > 0)
        {
            return Quadrature.Integrate(f, 0, yPeak, 1e-13) + Quadrature.Integrate(f, yPeak, upper, 1e-13);
        }

        return Quadrature.Integrate(f, 0, upper, 1e-13);
    }

    private readonly struct DropoutIntegrand(double r, double alpha, double s, double beta, int n, double logChoose) : IIntegrand
    {
        private readonly double _logSBeta = Math.Log(s) + (s * Math.Log(beta));

        public double LogNbd(double tau) => tau == 0
            ? (n == 0 ? 0 : double.NegativeInfinity)
            : logChoose + (r * Math.Log(alpha / (alpha + tau))) + (n * Math.Log(tau / (alpha + tau)));

        public double Evaluate(double tau) => Math.Exp(LogNbd(tau) + _logSBeta - ((s + 1) * Math.Log(beta + tau)));
    }

    private readonly struct ExponentialIntegrand(double s, double z) : IIntegrand
    {
        public double Exponent(double y) => (-z * double.ExpM1(y)) + ((1 - s) * y);

        public double Evaluate(double y) => Math.Exp(Exponent(y));
    }
}
