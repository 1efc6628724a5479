namespace RelationshipKit.Internal.Numerics;

/// <summary>
/// Log-gamma, gamma sign, reciprocal gamma, digamma, log-beta and log-sum-exp for real arguments.
/// </summary>
/// <remarks>
/// Log-gamma: Lanczos approximation with g = 7 and 9 coefficients (Lanczos 1964; the coefficient set
/// published by P. Godfrey), with the reflection formula Γ(x)Γ(1−x) = π / sin(πx) below 0.5 and the
/// Stirling series (Abramowitz &amp; Stegun 6.1.41) above 10, where it is more accurate. Digamma:
/// the recurrence ψ(x+1) = ψ(x) + 1/x up to x ≥ 10, then the asymptotic series (A&amp;S 6.3.18), with
/// reflection ψ(1−x) − ψ(x) = π cot(πx) for negative x. Tested against closed forms to ~1e-14 relative.
/// All members are pure and thread-safe.
/// </remarks>
internal static class SpecialFunctions
{
    private const double HalfLogTwoPi = 0.91893853320467274178032973640562;
    private const double LanczosG = 7.0;

    private static readonly double[] Lanczos =
    [
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>ln |Γ(x)|; +∞ at the poles (0, −1, −2, ...).</summary>
    public static double LogGamma(double x) => LogGamma(x, out _);

    /// <summary>ln |Γ(x)| and the sign of Γ(x) (0 at the poles).</summary>
    public static double LogGamma(double x, out int sign)
    {
        if (double.IsNaN(x))
        {
            sign = 0;
            return double.NaN;
        }

        if (x <= 0 && x == Math.Floor(x))
        {
            sign = 0;
            return double.PositiveInfinity;
        }

        if (x < 0.5)
        {
            // Reflection: Γ(x) = π / (sin(πx) Γ(1 − x)).
            double s = double.SinPi(x);
            double lg = Math.Log(Math.PI / Math.Abs(s)) - LogGamma(1 - x, out _);
            sign = s < 0 ? -1 : 1;
            return lg;
        }

        sign = 1;
        if (x >= 10)
        {
            return Stirling(x);
        }

        double z = x - 1;
        double sum = Lanczos[0];
        for (int i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (z + i);
        }

        double t = z + LanczosG + 0.5;
        return HalfLogTwoPi + ((z + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    /// <summary>1/Γ(x), exactly 0 at the poles.</summary>
    public static double ReciprocalGamma(double x)
    {
        double lg = LogGamma(x, out int sign);
        return sign == 0 ? 0 : sign * Math.Exp(-lg);
    }

    /// <summary>Γ(x) with its sign; ±∞ beyond the double range, NaN at the poles.</summary>
    public static double Gamma(double x)
    {
        double lg = LogGamma(x, out int sign);
        return sign == 0 ? double.NaN : sign * Math.Exp(lg);
    }

    /// <summary>ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b &gt; 0.</summary>
    public static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>ψ(x) = d ln Γ(x) / dx; NaN at the poles.</summary>
    public static double Digamma(double x)
    {
        if (double.IsNaN(x) || (x <= 0 && x == Math.Floor(x)))
        {
            return double.NaN;
        }

        if (x < 0)
        {
            // ψ(x) = ψ(1 − x) − π cot(πx).
            return Digamma(1 - x) - (Math.PI * double.CosPi(x) / double.SinPi(x));
        }

        double result = 0;
        while (x < 10)
        {
            result -= 1 / x;
            x += 1;
        }

        double f = 1 / (x * x);
        // −Σ B_2k / (2k x^(2k)), k = 1..7.
        double series = (-1.0 / 12) + (f * ((1.0 / 120) + (f * ((-1.0 / 252) + (f * ((1.0 / 240) + (f * ((-1.0 / 132) + (f * ((691.0 / 32760) + (f * (-1.0 / 12))))))))))));
        series *= f;
        return result + Math.Log(x) - (0.5 / x) + series;
    }

    /// <summary>ψ'(x), the trigamma function, for x &gt; 0.</summary>
    public static double Trigamma(double x)
    {
        double result = 0;
        while (x < 10)
        {
            result += 1 / (x * x);
            x += 1;
        }

        double f = 1 / (x * x);
        double series = (1 / x) + (f / 2) + (f / x * (1.0 / 6 + (f * (-1.0 / 30 + (f * (1.0 / 42 + (f * (-1.0 / 30 + (f * 5.0 / 66)))))))));
        return result + series;
    }

    /// <summary>ln(e^a + e^b) without overflow or underflow.</summary>
    public static double LogSumExp(double a, double b)
    {
        if (a < b)
        {
            (a, b) = (b, a);
        }

        if (double.IsNegativeInfinity(a))
        {
            return a;
        }

        return a + Math.Log(1 + Math.Exp(b - a));
    }

    /// <summary>ln Σ e^{v_i} without overflow or underflow; −∞ for an empty span.</summary>
    public static double LogSumExp(ReadOnlySpan<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (v > max)
            {
                max = v;
            }
        }

        if (double.IsNegativeInfinity(max) || double.IsNaN(max))
        {
            return max;
        }

        double sum = 0;
        foreach (double v in values)
        {
            sum += Math.Exp(v - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>ln(e^a − e^b) for a ≥ b; −∞ when they are equal.</summary>
    public static double LogDiffExp(double a, double b) => a + Math.Log(-double.ExpM1(b - a));

    /// <summary>The standard normal quantile (Acklam's rational approximation refined by one Halley step; ~1e-15).</summary>
    public static double NormalQuantile(double p)
    {
        if (!(p > 0 && p < 1))
        {
            return p == 0 ? double.NegativeInfinity : p == 1 ? double.PositiveInfinity : double.NaN;
        }

        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        double x;
        if (p < 0.02425)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            x = (((((((c[0] * q) + c[1]) * q) + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((((d[0] * q) + d[1]) * q) + d[2]) * q + d[3]) * q + 1);
        }
        else if (p > 1 - 0.02425)
        {
            double q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -(((((((c[0] * q) + c[1]) * q) + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((((d[0] * q) + d[1]) * q) + d[2]) * q + d[3]) * q + 1);
        }
        else
        {
            double q = p - 0.5;
            double r = q * q;
            x = (((((((a[0] * r) + a[1]) * r) + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((((b[0] * r) + b[1]) * r) + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        }

        // One Halley step on Φ(x) − p with Φ from erfc.
        double e = (0.5 * Erfc(-x / Math.Sqrt(2))) - p;
        double u = e * Math.Sqrt(2 * Math.PI) * Math.Exp(x * x / 2);
        return x - (u / (1 + (x * u / 2)));
    }

    /// <summary>The complementary error function (W. J. Cody's rational Chebyshev approximations, ~1e-16 relative).</summary>
    public static double Erfc(double x)
    {
        // Numerical Recipes 3rd ed. 6.2.2 (erfccheb) style: Chebyshev fit on t = 2/(2+z).
        double z = Math.Abs(x);
        double t = 2 / (2 + z);
        double ty = (4 * t) - 2;
        double d = 0, dd = 0;
        for (int j = ErfcCoefficients.Length - 1; j > 0; j--)
        {
            double tmp = d;
            d = (ty * d) - dd + ErfcCoefficients[j];
            dd = tmp;
        }

        double r = t * Math.Exp((-z * z) + (0.5 * (ErfcCoefficients[0] + (ty * d))) - dd);
        return x >= 0 ? r : 2 - r;
    }

    private static readonly double[] ErfcCoefficients =
    [
        -1.3026537197817094, 6.4196979235649026e-1, 1.9476473204185836e-2, -9.561514786808631e-3, -9.46595344482036e-4,
        3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5, -1.624290004647e-6, 1.303655835580e-6,
        1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9, 5.059343495e-9, -9.91364156e-10, -2.27365122e-10,
        9.6467911e-11, 2.394038e-12, -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13, 3.81e-16, 7.106e-15,
        -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17,
    ];

    private static double Stirling(double x)
    {
        // ln Γ(x) = (x − 1/2) ln x − x + ln √(2π) + Σ B_2k / (2k(2k−1) x^(2k−1)).
        double f = 1 / (x * x);
        double series = (1 / x) * (1.0 / 12 + (f * (-1.0 / 360 + (f * (1.0 / 1260 + (f * (-1.0 / 1680 + (f * (1.0 / 1188 + (f * -691.0 / 360360))))))))));
        return ((x - 0.5) * Math.Log(x)) - x + HalfLogTwoPi + series;
    }
}
