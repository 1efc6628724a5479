using RelationshipKit.Internal.Numerics;

namespace RelationshipKit.Differentiation.LifetimeValue;

/// <summary>
/// Likelihood, gradient and predictions of the BG/NBD (Fader, Hardie &amp; Lee 2005) and MBG/NBD (Batislam, Denizel
/// &amp; Filiztekin 2007) models. The likelihood is evaluated as ln of a sum with log-sum-exp, the remedy of Hardie's
/// note "Overcoming the BG/NBD Model's #NUM! Error Problem"; the gradient is analytic (digamma).
/// Parameters are ordered (r, alpha, a, b).
/// </summary>
internal static class BetaGeometricKernels
{
    /// <summary>Mean negative log-likelihood per customer over log-parameters, with its gradient.</summary>
    public static double MeanNegativeLogLikelihood(CompressedRows rows, bool modified, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double r = Math.Exp(theta[0]), alpha = Math.Exp(theta[1]), a = Math.Exp(theta[2]), b = Math.Exp(theta[3]);
        double lnAlpha = Math.Log(alpha), lnA = Math.Log(a);
        double lgR = SpecialFunctions.LogGamma(r), psiR = SpecialFunctions.Digamma(r);
        double lgB = SpecialFunctions.LogGamma(b), psiB = SpecialFunctions.Digamma(b);
        double lgAB = SpecialFunctions.LogGamma(a + b), psiAB = SpecialFunctions.Digamma(a + b);
        bool wantGradient = gradient.Length > 0;
        double total = 0, gr = 0, gAlpha = 0, ga = 0, gb = 0;
        int[] xs = rows.X;
        double[] tx = rows.Recency, ts = rows.T, ws = rows.Weight;
        int currentX = -1;
        double cA1 = 0, cA2 = 0, dA1r = 0, dA2a = 0, dA2b = 0, lnBx = 0, invBx = 0;
        int shift = modified ? 1 : 0;
        for (int i = 0; i < xs.Length; i++)
        {
            int x = xs[i];
            if (x != currentX)
            {
                currentX = x;
                cA1 = SpecialFunctions.LogGamma(r + x) - lgR + (r * lnAlpha);
                cA2 = lgAB + SpecialFunctions.LogGamma(b + x + shift) - lgB - SpecialFunctions.LogGamma(a + b + x + shift);
                if (wantGradient)
                {
                    dA1r = SpecialFunctions.Digamma(r + x) - psiR + lnAlpha;
                    double psiABx = SpecialFunctions.Digamma(a + b + x + shift);
                    dA2a = psiAB - psiABx;
                    dA2b = psiAB + SpecialFunctions.Digamma(b + x + shift) - psiB - psiABx;
                }

                double bx = b + x - 1 + shift;
                lnBx = Math.Log(bx);
                invBx = 1 / bx;
            }

            double w = ws[i];
            double rx = r + x;
            double lnAT = Math.Log(alpha + ts[i]);
            double a3 = -rx * lnAT;
            double ll;
            if (x > 0 || modified)
            {
                double lnATx = Math.Log(alpha + tx[i]);
                double a4 = lnA - lnBx - (rx * lnATx);
                double max = Math.Max(a3, a4);
                double e3 = Math.Exp(a3 - max), e4 = Math.Exp(a4 - max);
                double sum = e3 + e4;
                ll = cA1 + cA2 + max + Math.Log(sum);
                if (wantGradient)
                {
                    double w3 = e3 / sum, w4 = e4 / sum;
                    gr += w * (dA1r - (w3 * lnAT) - (w4 * lnATx));
                    gAlpha += w * ((r / alpha) - (rx * ((w3 / (alpha + ts[i])) + (w4 / (alpha + tx[i])))));
                    ga += w * (dA2a + (w4 / a));
                    gb += w * (dA2b - (w4 * invBx));
                }
            }
            else
            {
                ll = cA1 + cA2 + a3;
                if (wantGradient)
                {
                    gr += w * (dA1r - lnAT);
                    gAlpha += w * ((r / alpha) - (rx / (alpha + ts[i])));
                    ga += w * dA2a;
                    gb += w * dA2b;
                }
            }

            total += w * ll;
        }

        double n = rows.TotalWeight;
        if (wantGradient)
        {
            gradient[0] = -gr * r / n;
            gradient[1] = -gAlpha * alpha / n;
            gradient[2] = -ga * a / n;
            gradient[3] = -gb * b / n;
        }

        return -total / n;
    }

    /// <summary>P(alive | x, t_x, T).</summary>
    public static double ProbabilityAlive(ReadOnlySpan<double> p, bool modified, double x, double tx, double t)
    {
        double r = p[0], alpha = p[1], a = p[2], b = p[3];
        if (!modified && x == 0)
        {
            return 1;
        }

        double ratio = Math.Log((alpha + t) / (alpha + tx)) * (r + x);
        double odds = Math.Exp(ratio) * a / (b + x - (modified ? 0 : 1));
        return 1 / (1 + odds);
    }

    /// <summary>E[X(T, T + h) | x, t_x, T], FHL 2005 eq. 10 (BG/NBD) and Batislam et al. 2007 (MBG/NBD).</summary>
    public static double ExpectedPurchases(ReadOnlySpan<double> p, bool modified, double h, double x, double tx, double t)
    {
        if (h == 0)
        {
            return 0;
        }

        double a = p[2];
        if (Math.Abs(a - 1) < 1e-7)
        {
            // Removable singularity at a = 1: average the two sides.
            Span<double> q = [p[0], p[1], 1 + 2e-7, p[3]];
            double up = ExpectedPurchases(q, modified, h, x, tx, t);
            q[2] = 1 - 2e-7;
            return 0.5 * (up + ExpectedPurchases(q, modified, h, x, tx, t));
        }

        double r = p[0], alpha = p[1], b = p[3];
        int shift = modified ? 1 : 0;
        double z = h / (alpha + t + h);
        double lnPow = (r + x) * Math.Log((alpha + t) / (alpha + t + h));
        double f = Hypergeometric.Hyp2F1(r + x, b + x + shift, a + b + x - 1 + shift, z);
        double bracket = -double.ExpM1(lnPow + Math.Log(f));
        double lead = (a + b + x - 1 + shift) / (a - 1);
        return lead * bracket * ProbabilityAlive(p, modified, x, tx, t);
    }

    /// <summary>E[X(h)] for a new customer.</summary>
    public static double ExpectedPurchasesNewCustomer(ReadOnlySpan<double> p, bool modified, double h)
    {
        if (h == 0)
        {
            return 0;
        }

        double r = p[0], alpha = p[1], a = p[2], b = p[3];
        if (Math.Abs(a - 1) < 1e-7)
        {
            Span<double> q = [r, alpha, 1 + 2e-7, b];
            double up = ExpectedPurchasesNewCustomer(q, modified, h);
            q[2] = 1 - 2e-7;
            return 0.5 * (up + ExpectedPurchasesNewCustomer(q, modified, h));
        }

        double z = h / (alpha + h);
        double lnPow = r * Math.Log(alpha / (alpha + h));
        if (modified)
        {
            double f = Hypergeometric.Hyp2F1(r, b + 1, a + b, z);
            return b / (a - 1) * -double.ExpM1(lnPow + Math.Log(f));
        }

        double g = Hypergeometric.Hyp2F1(r, b, a + b - 1, z);
        return (a + b - 1) / (a - 1) * -double.ExpM1(lnPow + Math.Log(g));
    }

    /// <summary>P(X(h) = n) for a new customer (FHL 2005 eq. 8; the MBG/NBD analogue with dropout possible at time 0).</summary>
    public static double ProbabilityOfPurchases(ReadOnlySpan<double> p, bool modified, int n, double h)
    {
        double r = p[0], alpha = p[1], a = p[2], b = p[3];
        double lnBab = SpecialFunctions.LogBeta(a, b);
        double lnP0 = r * Math.Log(alpha / (alpha + h));
        double lnQ = h == 0 ? double.NegativeInfinity : Math.Log(h / (alpha + h));

        // NBD pmf of the Poisson-gamma count at h.
        double LogNbd(int j) => SpecialFunctions.LogGamma(r + j) - SpecialFunctions.LogGamma(r) - SpecialFunctions.LogGamma(j + 1) + lnP0 + (j == 0 ? 0 : j * lnQ);

        int shift = modified ? 1 : 0;
        double first = Math.Exp(SpecialFunctions.LogBeta(a, b + n + shift) - lnBab + LogNbd(n));
        if (n == 0 && !modified)
        {
            return first;
        }

        double below = 0;
        for (int j = 0; j < n; j++)
        {
            below += Math.Exp(LogNbd(j));
        }

        double tail = Math.Max(0, 1 - below);
        double second = Math.Exp(SpecialFunctions.LogBeta(a + 1, b + n - 1 + shift) - lnBab) * tail;
        return Math.Min(1, first + second);
    }

    /// <summary>
    /// P(X(T, T + h) = n | x, t_x, T) (Fader, Hardie &amp; Lee, "Deriving the Conditional PMF of the BG/NBD Model",
    /// 2007). Given alive at T the posterior is λ ~ Gamma(r + x, α + T) and p ~ Beta(a, b + x) (b + x + 1 for MBG/NBD,
    /// whose customers also survive the first purchase), and the count is NB(n; r + x, q) with q = (α+T)/(α+T+h) if no
    /// dropout follows any of the n purchases, or at least n Poisson events with a dropout at the n-th:
    /// P(alive) [B(a, b'+n)/B(a, b') NB(n) + 1{n ≥ 1} B(a+1, b'+n−1)/B(a, b') (1 − Σ_{j&lt;n} NB(j))] + (1 − P(alive)) 1{n = 0}.
    /// </summary>
    public static double ConditionalProbabilityOfPurchases(ReadOnlySpan<double> p, bool modified, int n, double h, double x, double tx, double t)
    {
        if (h == 0)
        {
            return n == 0 ? 1 : 0;
        }

        double r = p[0], alpha = p[1], a = p[2], b = p[3];
        double alive = ProbabilityAlive(p, modified, x, tx, t);
        double bAlive = b + x + (modified ? 1 : 0);
        double rx = r + x;
        double lnQ = Math.Log((alpha + t) / (alpha + t + h)), lnQc = Math.Log(h / (alpha + t + h));
        double lgRx = SpecialFunctions.LogGamma(rx);
        double lbAlive = SpecialFunctions.LogBeta(a, bAlive);
        double first = Math.Exp(SpecialFunctions.LogBeta(a, bAlive + n) - lbAlive + LogNegativeBinomial(n, rx, lgRx, lnQ, lnQc));
        double second = 0;
        if (n > 0)
        {
            second = Math.Exp(SpecialFunctions.LogBeta(a + 1, bAlive + n - 1) - lbAlive) * NegativeBinomialTail(n, rx, lgRx, lnQ, lnQc);
        }

        double result = (alive * (first + second)) + (n == 0 ? 1 - alive : 0);
        return Math.Clamp(result, 0, 1);
    }

    /// <summary>ln NB(j; r, q) = ln Γ(r+j) − ln Γ(r) − ln j! + r ln q + j ln(1−q).</summary>
    internal static double LogNegativeBinomial(int j, double r, double logGammaR, double lnQ, double lnQc) =>
        SpecialFunctions.LogGamma(r + j) - logGammaR - SpecialFunctions.LogGamma(j + 1.0) + (r * lnQ) + (j == 0 ? 0 : j * lnQc);

    /// <summary>P(N ≥ n) of NB(r, q): 1 − the lower sum while that is accurate, else the upper tail summed directly.</summary>
    internal static double NegativeBinomialTail(int n, double r, double logGammaR, double lnQ, double lnQc)
    {
        double below = 0;
        for (int j = 0; j < n; j++)
        {
            below += Math.Exp(LogNegativeBinomial(j, r, logGammaR, lnQ, lnQc));
        }

        if (below < 0.5)
        {
            return 1 - below;
        }

        // Upper tail: terms beyond the mode decrease at least geometrically; stop when they no longer count.
        double tail = 0;
        for (int j = n; j < n + 1_000_000; j++)
        {
            double term = Math.Exp(LogNegativeBinomial(j, r, logGammaR, lnQ, lnQc));
            tail += term;
            if (term <= 1e-17 * tail && j > n + ((r - 1) * Math.Exp(lnQc - lnQ)))
            {
                break;
            }
        }

        return Math.Min(tail, 1);
    }
}
