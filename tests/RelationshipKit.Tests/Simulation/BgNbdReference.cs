namespace RelationshipKit.Tests.Simulation;

/// <summary>
/// Closed forms of the BG/NBD and Gamma-Gamma models used to check the simulator, written here independently
/// of the code under test.
/// </summary>
internal static class BgNbdReference
{
    /// <summary>
    /// E[X(t)], the unconditional expected number of repeat purchases in (0, t] of a customer acquired at 0
    /// (Fader, Hardie and Lee 2005, equation 9):
    /// (a+b-1)/(a-1) * [1 - (alpha/(alpha+t))^r * 2F1(r, b; a+b-1; t/(alpha+t))].
    /// </summary>
    public static double ExpectedRepeatPurchases(double t, double r, double alpha, double a, double b)
    {
        double z = t / (alpha + t);
        return (a + b - 1) / (a - 1) * (1 - (Math.Pow(alpha / (alpha + t), r) * Hypergeometric2F1(r, b, a + b - 1, z)));
    }

    /// <summary>
    /// The mean of <see cref="ExpectedRepeatPurchases"/> over acquisition times uniform on [0, window], each
    /// customer observed until <paramref name="horizon"/> (composite Simpson rule).
    /// </summary>
    public static double ExpectedRepeatPurchasesUniformAcquisition(double horizon, double window, double r, double alpha, double a, double b)
    {
        const int Intervals = 400;
        double h = window / Intervals;
        double sum = 0;
        for (int i = 0; i <= Intervals; i++)
        {
            double weight = i == 0 || i == Intervals ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += weight * ExpectedRepeatPurchases(horizon - (i * h), r, alpha, a, b);
        }

        return sum * h / 3 / window;
    }

    /// <summary>The Gauss hypergeometric series sum_k (a)_k (b)_k / ((c)_k k!) z^k for 0 &lt;= z &lt; 1.</summary>
    public static double Hypergeometric2F1(double a, double b, double c, double z)
    {
        if (z is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "The series is used for 0 <= z < 1 only.");
        }

        double term = 1;
        double sum = 1;
        for (int k = 0; k < 1_000_000; k++)
        {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            if (Math.Abs(term) < 1e-15 * Math.Abs(sum))
            {
                return sum;
            }
        }

        throw new InvalidOperationException("2F1 series did not converge.");
    }
}
