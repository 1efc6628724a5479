namespace RelationshipKit.Internal.Numerics;

/// <summary>The Gauss hypergeometric function ₂F₁(a, b; c; z) for real parameters and real z ≤ 1.</summary>
/// <remarks>
/// <para>Method (Abramowitz &amp; Stegun, ch. 15; the same case split as Cephes <c>hyp2f1</c>):</para>
/// <list type="bullet">
/// <item>|z| ≤ 0.75: the Gauss series 15.1.1, summed until a term no longer changes the sum.</item>
/// <item>z &lt; −0.75... and every z &lt; 0: Pfaff's transformation 15.3.4/15.3.5 to w = z/(z−1) ∈ (0, 1), which is
/// then evaluated as below; of the two forms, the one with the smaller numerator parameter is used.</item>
/// <item>0.75 &lt; z ≤ 0.97 with a series of positive terms (c − a, c − b, c &gt; 0: Euler's transformation 15.3.3;
/// or a, b, c &gt; 0: the series itself): summed directly, which cannot cancel.</item>
/// <item>otherwise for 0.75 &lt; z &lt; 1: the linear transformation to 1 − z, 15.3.6, when m = c − a − b is not an integer;
/// for integer m the limiting formulas 15.3.10–15.3.12 with digamma sums; when m is within 1e-4 of an
/// integer n, quadratic interpolation through m = n − h, n, n + h (h = 1e-4), which keeps ~1e-11 relative
/// accuracy where 15.3.6 alone would cancel catastrophically.</item>
/// <item>z = 1: Gauss's theorem 15.1.20 when c − a − b &gt; 0, +∞ otherwise.</item>
/// <item>a or b a non-positive integer: the terminating polynomial.</item>
/// </list>
/// <para>Tested against closed forms (−ln(1−z)/z, (1−z)^(−a), arcsin, Gauss's theorem, Legendre polynomials)
/// to ~1e-12 relative. Pure and thread-safe.</para>
/// </remarks>
internal static class Hypergeometric
{
    private const double SeriesLimit = 0.75;
    private const double IntegerGuard = 1e-4;
    private const double EulerLimit = 0.97;
    private const int MaxTerms = 20000;

    /// <summary>₂F₁(a, b; c; z); NaN when c is a non-positive integer that the series reaches, +∞ where it diverges.</summary>
    public static double Hyp2F1(double a, double b, double c, double z)
    {
        if (double.IsNaN(a) || double.IsNaN(b) || double.IsNaN(c) || double.IsNaN(z) || z > 1)
        {
            return double.NaN;
        }

        if (z == 0 || a == 0 || b == 0)
        {
            return 1;
        }

        if (IsNonPositiveInteger(a) || IsNonPositiveInteger(b))
        {
            return Polynomial(a, b, c, z);
        }

        if (IsNonPositiveInteger(c))
        {
            return double.NaN;
        }

        if (a == c)
        {
            return Math.Pow(1 - z, -b);
        }

        if (b == c)
        {
            return Math.Pow(1 - z, -a);
        }

        if (z < 0)
        {
            // Pfaff: F(a,b;c;z) = (1−z)^(−a) F(a, c−b; c; z/(z−1)) = (1−z)^(−b) F(c−a, b; c; z/(z−1)).
            double w = z / (z - 1);
            if (Math.Abs(c - b) <= Math.Abs(c - a) || IsNonPositiveInteger(c - b))
            {
                return Math.Pow(1 - z, -a) * Hyp2F1(a, c - b, c, w);
            }

            return Math.Pow(1 - z, -b) * Hyp2F1(c - a, b, c, w);
        }

        if (z == 1)
        {
            double m1 = c - a - b;
            if (m1 <= 0)
            {
                return double.PositiveInfinity;
            }

            return GammaRatio(c, m1, c - a, c - b);
        }

        if (z <= SeriesLimit)
        {
            return Series(a, b, c, z);
        }

        if (z <= EulerLimit)
        {
            // Positive-term series need no transformation: Euler's F = (1−z)^(c−a−b) F(c−a, c−b; c; z), or F itself.
            if (c - a > 0 && c - b > 0 && c > 0)
            {
                return Math.Pow(1 - z, c - a - b) * Series(c - a, c - b, c, z);
            }

            if (a > 0 && b > 0 && c > 0)
            {
                return Series(a, b, c, z);
            }
        }

        double m = c - a - b;
        double n = Math.Round(m);
        double gap = m - n;
        if (gap == 0)
        {
            return IntegerCase(a, b, (int)n, z);
        }

        if (Math.Abs(gap) >= IntegerGuard)
        {
            return OneMinusZ(a, b, c, z);
        }

        // Near-integer m: interpolate in c through n − h, n, n + h (a and b fixed).
        double f0 = IntegerCase(a, b, (int)n, z);
        double fp = OneMinusZ(a, b, a + b + n + IntegerGuard, z);
        double fm = OneMinusZ(a, b, a + b + n - IntegerGuard, z);
        double d1 = (fp - fm) / (2 * IntegerGuard);
        double d2 = (fp - (2 * f0) + fm) / (IntegerGuard * IntegerGuard);
        return f0 + (gap * d1) + (0.5 * gap * gap * d2);
    }

    /// <summary>
    /// F(a, b; a + 1; z) for a &gt; 0 and 0 ≤ z &lt; 1 with its partial derivatives in a (c = a + 1 moving with it),
    /// b and z: the form in the Pareto/NBD likelihood (Fader &amp; Hardie note 008). The series
    /// Σ a/(a+k) (b)_k z^k / k! is differentiated term by term for z ≤ 0.75; above, the value comes from
    /// <see cref="Hyp2F1"/>, ∂/∂z from (ab/(a+1)) F(a+1, b+1; a+2; z) and ∂/∂a, ∂/∂b from central differences.
    /// </summary>
    public static double Hyp2F1APlusOne(double a, double b, double z, out double dA, out double dB, out double dZ)
    {
        if (z <= SeriesLimit)
        {
            double u = 1, sum = 1, sumA = 0, sumB = 0, sumZ = 0, harmonicB = 0;
            for (int k = 1; k < MaxTerms; k++)
            {
                harmonicB += 1 / (b + k - 1);
                u *= (b + k - 1) * z / k;
                double inv = 1 / (a + k);
                double v = a * inv;
                double term = v * u;
                sum += term;
                sumA += u * k * inv * inv;
                sumB += term * harmonicB;
                sumZ += term * k;
                if (Math.Abs(term) <= 1e-17 * sum && Math.Abs(u) <= 1e-17 * sum)
                {
                    break;
                }
            }

            dA = sumA;
            dB = sumB;
            dZ = z == 0 ? a * b / (a + 1) : sumZ / z;
            return sum;
        }

        double f = Hyp2F1(a, b, a + 1, z);
        double ha = 1e-5 * Math.Max(1, Math.Abs(a));
        double hb = 1e-5 * Math.Max(1, Math.Abs(b));
        dA = (Hyp2F1(a + ha, b, a + ha + 1, z) - Hyp2F1(a - ha, b, a - ha + 1, z)) / (2 * ha);
        dB = (Hyp2F1(a, b + hb, a + 1, z) - Hyp2F1(a, b - hb, a + 1, z)) / (2 * hb);
        dZ = a * b / (a + 1) * Hyp2F1(a + 1, b + 1, a + 2, z);
        return f;
    }

    /// <summary>The Gauss series Σ (a)_k (b)_k / ((c)_k k!) z^k.</summary>
    internal static double Series(double a, double b, double c, double z)
    {
        double sum = 1, term = 1;
        for (int k = 0; k < MaxTerms; k++)
        {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            double next = sum + term;
            if (next == sum && Math.Abs(term) <= 1e-17 * Math.Abs(sum))
            {
                return next;
            }

            sum = next;
            if (!double.IsFinite(sum))
            {
                return sum;
            }
        }

        return sum;
    }

    private static double Polynomial(double a, double b, double c, double z)
    {
        double sum = 1, term = 1;
        int terms = (int)-Math.Max(IsNonPositiveInteger(a) ? a : double.NegativeInfinity, IsNonPositiveInteger(b) ? b : double.NegativeInfinity);
        for (int k = 0; k < terms; k++)
        {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
        }

        return sum;
    }

    private static bool IsNonPositiveInteger(double v) => v <= 0 && v == Math.Floor(v);

    /// <summary>Γ(p)Γ(q) / (Γ(r)Γ(s)) in log space with signs; 0 when r or s is a pole.</summary>
    private static double GammaRatio(double p, double q, double r, double s)
    {
        double lp = SpecialFunctions.LogGamma(p, out int sp);
        double lq = SpecialFunctions.LogGamma(q, out int sq);
        double lr = SpecialFunctions.LogGamma(r, out int sr);
        double ls = SpecialFunctions.LogGamma(s, out int ss);
        if (sr == 0 || ss == 0)
        {
            return 0;
        }

        if (sp == 0 || sq == 0)
        {
            return double.NaN;
        }

        return sp * sq * sr * ss * Math.Exp(lp + lq - lr - ls);
    }

    /// <summary>A&amp;S 15.3.6 for non-integer m = c − a − b.</summary>
    private static double OneMinusZ(double a, double b, double c, double z)
    {
        double m = c - a - b;
        double y = 1 - z;
        double first = GammaRatio(c, m, c - a, c - b);
        double second = GammaRatio(c, -m, a, b);
        double f1 = first == 0 ? 0 : first * Series(a, b, 1 - m, y);
        double f2 = second == 0 ? 0 : second * Math.Pow(y, m) * Series(c - a, c - b, 1 + m, y);
        return f1 + f2;
    }

    /// <summary>A&amp;S 15.3.10–15.3.12 for integer m = c − a − b.</summary>
    private static double IntegerCase(double a, double b, int m, double z)
    {
        double y = 1 - z;
        double lny = Math.Log(y);
        if (m == 0)
        {
            // 15.3.10.
            double sum = 0, coef = 1;
            for (int n = 0; n < MaxTerms; n++)
            {
                if (n > 0)
                {
                    coef *= (a + n - 1) * (b + n - 1) / ((double)n * n) * y;
                }

                double term = coef * ((2 * SpecialFunctions.Digamma(n + 1)) - Psi(a + n) - Psi(b + n) - lny);
                sum += term;
                if (Math.Abs(term) <= 1e-17 * Math.Abs(sum) && n > 2)
                {
                    break;
                }
            }

            return GammaRatio(a + b, 1, a, b) * sum;
        }

        if (m > 0)
        {
            // 15.3.11 with c = a + b + m.
            double c = a + b + m;
            double finite = 0, coef = 1;
            for (int n = 0; n < m; n++)
            {
                if (n > 0)
                {
                    coef *= (a + n - 1) * (b + n - 1) / (n * (1.0 - m + n - 1)) * y;
                }

                finite += coef;
            }

            finite *= GammaRatio(m, c, a + m, b + m);
            double infinite = 0;
            double coefInf = 1 / Factorial(m);
            for (int n = 0; n < MaxTerms; n++)
            {
                if (n > 0)
                {
                    coefInf *= (a + m + n - 1) * (b + m + n - 1) / (n * (double)(n + m)) * y;
                }

                double term = coefInf * (lny - SpecialFunctions.Digamma(n + 1) - SpecialFunctions.Digamma(n + m + 1) + Psi(a + n + m) + Psi(b + n + m));
                infinite += term;
                if (Math.Abs(term) <= 1e-17 * Math.Abs(infinite) && n > 2)
                {
                    break;
                }
            }

            double pre = Math.Pow(-y, m) * GammaRatio(c, 1, a, b);
            return finite - (pre * infinite);
        }
        else
        {
            // 15.3.12 with c = a + b − k, k = −m > 0.
            int k = -m;
            double c = a + b - k;
            double finite = 0, coef = 1;
            for (int n = 0; n < k; n++)
            {
                if (n > 0)
                {
                    coef *= (a - k + n - 1) * (b - k + n - 1) / (n * (1.0 - k + n - 1)) * y;
                }

                finite += coef;
            }

            finite *= GammaRatio(k, c, a, b) * Math.Pow(y, -k);
            double infinite = 0;
            double coefInf = 1 / Factorial(k);
            for (int n = 0; n < MaxTerms; n++)
            {
                if (n > 0)
                {
                    coefInf *= (a + n - 1) * (b + n - 1) / (n * (double)(n + k)) * y;
                }

                double term = coefInf * (lny - SpecialFunctions.Digamma(n + 1) - SpecialFunctions.Digamma(n + k + 1) + Psi(a + n) + Psi(b + n));
                infinite += term;
                if (Math.Abs(term) <= 1e-17 * Math.Abs(infinite) && n > 2)
                {
                    break;
                }
            }

            double pre = (k % 2 == 0 ? 1 : -1) * GammaRatio(c, 1, a - k, b - k);
            return finite - (pre * infinite);
        }
    }

    // ψ that is finite (and irrelevant) at poles whose coefficient vanishes.
    private static double Psi(double x) => IsNonPositiveInteger(x) ? 0 : SpecialFunctions.Digamma(x);

    private static double Factorial(int n)
    {
        double f = 1;
        for (int i = 2; i <= n; i++)
        {
            f *= i;
        }

        return f;
    }
}
