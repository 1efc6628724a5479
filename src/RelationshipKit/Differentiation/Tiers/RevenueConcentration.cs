using System.Globalization;
using RelationshipKit.Summaries;

namespace RelationshipKit.Differentiation.Tiers;

/// <summary>
/// How concentrated revenue is across customers: the Lorenz curve, the Gini coefficient and the share of revenue
/// that the top p of customers bring (the "80/20" figure for p = 20 percent).
/// </summary>
/// <remarks>
/// <para>With revenues sorted ascending x(1) ≤ … ≤ x(n) and total S, the Lorenz curve joins the points
/// (i/n, (x(1) + … + x(i))/S) for i = 0..n by straight lines. The Gini coefficient is
/// G = Σ (2i − n − 1)·x(i) / (n·S), which equals 1 − 2·(area under the Lorenz curve) and half the relative mean
/// absolute difference; it is 0 when everyone brings the same and (n − 1)/n when one customer brings everything.
/// The top-p share is 1 − L(1 − p), read on the curve, so it is exact for whole customers and interpolated between.</para>
/// <para>Revenues must be 0 or more (the curve and G are not defined for negative revenue: clamp or leave out customers
/// whose refunds exceed their purchases first). When the total is 0, G is 0 and the curve is the diagonal.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class RevenueConcentration
{
    /// <summary>The default population share of <see cref="GetTopShare"/>: the top 20 percent.</summary>
    public const double DefaultTopShare = 0.2;

    private readonly double[] _cumulative; // n + 1 partial sums of the ascending revenues, as doubles

    private RevenueConcentration(double[] cumulative, decimal total, double gini)
    {
        _cumulative = cumulative;
        TotalRevenue = total;
        Gini = gini;
    }

    /// <summary>The number of customers.</summary>
    public int Customers => _cumulative.Length - 1;

    /// <summary>The total revenue.</summary>
    public decimal TotalRevenue { get; }

    /// <summary>The Gini coefficient, in [0, (n − 1)/n].</summary>
    public double Gini { get; }

    /// <summary>Measures the concentration of per-customer revenues.</summary>
    /// <param name="revenues">One revenue per customer; at least one, each 0 or more.</param>
    /// <returns>The measures.</returns>
    /// <exception cref="ArgumentException">There is no revenue, or a revenue is negative; the message gives its index.</exception>
    public static RevenueConcentration Compute(ReadOnlySpan<decimal> revenues)
    {
        if (revenues.IsEmpty)
        {
            throw new ArgumentException("At least one customer's revenue is needed.", nameof(revenues));
        }

        for (int i = 0; i < revenues.Length; i++)
        {
            if (revenues[i] < 0)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Revenue {i} is {revenues[i]}; revenues must be 0 or more (clamp or leave out customers whose refunds exceed their purchases)."),
                    nameof(revenues));
            }
        }

        decimal[] sorted = revenues.ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        var cumulative = new double[n + 1];
        decimal running = 0m;
        decimal weighted = 0m; // Σ (2i − n − 1)·x(i), exact in decimal
        for (int i = 0; i < n; i++)
        {
            running += sorted[i];
            cumulative[i + 1] = (double)running;
            weighted += ((2m * (i + 1)) - n - 1) * sorted[i];
        }

        double gini = running == 0m ? 0d : (double)(weighted / (n * running));
        return new RevenueConcentration(cumulative, running, gini);
    }

    /// <summary>
    /// Measures the concentration of the revenue of summarised customers: net spend
    /// (<see cref="PurchaseHistory.TotalSpend"/>) or, without history, repeat spend
    /// (<see cref="CustomerSummary.MonetaryValue"/> × x).
    /// </summary>
    /// <param name="customers">The customers; at least one, none with negative net spend.</param>
    /// <returns>The measures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The table is empty, or a customer's revenue is negative.</exception>
    public static RevenueConcentration Compute(CustomerSummaryTable customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var revenues = new decimal[customers.Count];
        if (customers.HasHistory)
        {
            customers.TotalSpend.CopyTo(revenues);
        }
        else
        {
            ReadOnlySpan<decimal> mean = customers.MonetaryValue;
            ReadOnlySpan<int> x = customers.Frequency;
            for (int i = 0; i < revenues.Length; i++)
            {
                revenues[i] = mean[i] * x[i];
            }
        }

        return Compute(revenues);
    }

    /// <summary>The Lorenz curve at a population share: the revenue share of the poorest <paramref name="populationShare"/> of customers.</summary>
    /// <param name="populationShare">The share of customers, in [0, 1].</param>
    /// <returns>L(p), in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="populationShare"/> is outside [0, 1].</exception>
    public double GetRevenueShare(double populationShare)
    {
        CheckShare(populationShare, nameof(populationShare));
        int n = Customers;
        double total = _cumulative[n];
        if (total == 0)
        {
            return populationShare;
        }

        double position = populationShare * n;
        int i = Math.Min((int)Math.Floor(position), n - 1);
        double fraction = position - i;
        return (_cumulative[i] + (fraction * (_cumulative[i + 1] - _cumulative[i]))) / total;
    }

    /// <summary>The share of revenue that the top <paramref name="populationShare"/> of customers (by revenue) bring: 1 − L(1 − p).</summary>
    /// <param name="populationShare">The share of customers from the top, in [0, 1]; default 0.2.</param>
    /// <returns>The revenue share, in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="populationShare"/> is outside [0, 1].</exception>
    public double GetTopShare(double populationShare = DefaultTopShare)
    {
        CheckShare(populationShare, nameof(populationShare));
        return 1d - GetRevenueShare(1d - populationShare);
    }

    /// <summary>The Lorenz curve at evenly spaced population shares 0, 1/(points − 1), …, 1.</summary>
    /// <param name="points">The number of points, at least 2; default 101 (every percent).</param>
    /// <returns>The points, from (0, 0) to (1, 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is below 2.</exception>
    public IReadOnlyList<LorenzPoint> GetLorenzCurve(int points = 101)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        var curve = new LorenzPoint[points];
        for (int i = 0; i < points; i++)
        {
            double p = i == points - 1 ? 1d : (double)i / (points - 1);
            curve[i] = new LorenzPoint(p, GetRevenueShare(p));
        }

        return curve;
    }

    private static void CheckShare(double share, string name)
    {
        if (!(share >= 0 && share <= 1))
        {
            throw new ArgumentOutOfRangeException(name, share, "The population share must be in [0, 1].");
        }
    }
}
