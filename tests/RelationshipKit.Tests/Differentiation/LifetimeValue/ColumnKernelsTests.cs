using RelationshipKit.Differentiation.LifetimeValue;
using RelationshipKit.Tests.TestData;

namespace RelationshipKit.Tests.Differentiation.LifetimeValue;

/// <summary>
/// Issue 4: the vectorised column kernels (BG/NBD, MBG/NBD and Pareto/NBD P(alive) and E[X]) agree with the scalar
/// path within 1e-12 relative, on the CDNOW customers and on random customers, for short, medium and long horizons.
/// </summary>
public sealed class ColumnKernelsTests
{
    public static TheoryData<string, double> Cases()
    {
        var data = new TheoryData<string, double>();
        foreach (string kind in new[] { "bgnbd", "mbgnbd", "paretonbd" })
        {
            foreach (double weeks in new[] { 1.0, 39, 300 })
            {
                data.Add(kind, weeks);
            }
        }

        return data;
    }

    private static ITransactionModel Model(string kind) => kind switch
    {
        "bgnbd" => new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week),
        "mbgnbd" => new ModifiedBgNbdModel(0.525, 6.183, 0.891, 1.614, TimeUnit.Week),
        _ => new ParetoNbdModel(0.553, 10.578, 0.606, 11.669, TimeUnit.Week),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Columns_CdnowAndRandomCustomers_MatchScalarWithinOneInATrillion(string kind, double weeks)
    {
        var d = LifetimeValueData.LoadCdnowSummary();
        var random = new Random(17);
        int n = d.Frequency.Length + 3000;
        var x = new double[n];
        var tx = new double[n];
        var t = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (i < d.Frequency.Length)
            {
                (x[i], tx[i], t[i]) = (d.Frequency[i], d.Recency[i], d.T[i]);
            }
            else
            {
                t[i] = 1 + (100 * random.NextDouble());
                x[i] = random.NextDouble() < 0.4 ? 0 : random.Next(1, 40);
                tx[i] = x[i] == 0 ? 0 : t[i] * random.NextDouble();
            }
        }

        ITransactionModel m = Model(kind);
        var alive = new double[n];
        var expected = new double[n];
        Horizon h = Horizon.Weeks(weeks);
        m.ProbabilityAlive(x, tx, t, alive);
        m.ExpectedPurchases(h, x, tx, t, expected);
        for (int i = 0; i < n; i++)
        {
            double scalarAlive = m.ProbabilityAlive(x[i], tx[i], t[i]);
            double scalarExpected = m.ExpectedPurchases(h, x[i], tx[i], t[i]);
            alive[i].Should().BeApproximately(scalarAlive, 1e-12 * scalarAlive, $"P(alive), row {i}: x {x[i]}, t_x {tx[i]}, T {t[i]}");
            expected[i].Should().BeApproximately(scalarExpected, 1e-12 * scalarExpected, $"E[X], row {i}: x {x[i]}, t_x {tx[i]}, T {t[i]}");
        }
    }
}
