using RelationshipKit.Differentiation.LifetimeValue;

namespace RelationshipKit.Tests.Differentiation.LifetimeValue;

/// <summary>
/// Issue 4: P(X(T, T + h) = n | x, t_x, T) of the BG/NBD, MBG/NBD and Pareto/NBD models (the ConditionalProbabilityOfPurchases
/// method of each model type), checked by its own laws, closed forms and a Monte-Carlo simulation of the model.
/// </summary>
public sealed class ConditionalPurchasesTests
{
    // The published CDNOW parameters (weeks), used as known values.
    private static readonly BgNbdModel BgNbd = new(0.243, 4.414, 0.793, 2.426, TimeUnit.Week);
    private static readonly ModifiedBgNbdModel Mbg = new(0.525, 6.183, 0.891, 1.614, TimeUnit.Week);
    private static readonly ParetoNbdModel Pareto = new(0.553, 10.578, 0.606, 11.669, TimeUnit.Week);

    public static TheoryData<string, double, double, double> Customers()
    {
        var data = new TheoryData<string, double, double, double>();
        foreach (string kind in new[] { "bgnbd", "mbgnbd", "paretonbd" })
        {
            data.Add(kind, 0, 0, 38.86);
            data.Add(kind, 2, 30.43, 38.86);
            data.Add(kind, 1, 2, 30);
            data.Add(kind, 12, 36, 38);
        }

        return data;
    }

    private static ITransactionModel Model(string kind) => kind switch
    {
        "bgnbd" => BgNbd,
        "mbgnbd" => Mbg,
        _ => Pareto,
    };

    private static double Pmf(string kind, int n, Horizon h, double x, double tx, double t) => kind switch
    {
        "bgnbd" => BgNbd.ConditionalProbabilityOfPurchases(n, h, x, tx, t),
        "mbgnbd" => Mbg.ConditionalProbabilityOfPurchases(n, h, x, tx, t),
        _ => Pareto.ConditionalProbabilityOfPurchases(n, h, x, tx, t),
    };

    [Theory]
    [MemberData(nameof(Customers))]
    public void ConditionalProbabilityOfPurchases_OverAllCounts_SumsToOneWithTheConditionalExpectationAsMean(string kind, double x, double tx, double t)
    {
        Horizon h = Horizon.Weeks(39);
        double sum = 0, mean = 0;
        for (int n = 0; n <= 400; n++)
        {
            double p = Pmf(kind, n, h, x, tx, t);
            p.Should().BeInRange(0, 1);
            sum += p;
            mean += n * p;
        }

        sum.Should().BeApproximately(1, 1e-9);
        double expected = Model(kind).ExpectedPurchases(h, x, tx, t);
        mean.Should().BeApproximately(expected, 1e-8 * Math.Max(1, expected));
    }

    [Theory]
    [InlineData("bgnbd")]
    [InlineData("mbgnbd")]
    [InlineData("paretonbd")]
    public void ConditionalProbabilityOfPurchases_NewCustomerAtAgeZero_EqualsTheUnconditionalPmf(string kind)
    {
        ITransactionModel m = Model(kind);
        for (int n = 0; n <= 6; n++)
        {
            Pmf(kind, n, Horizon.Weeks(20), 0, 0, 0).Should().BeApproximately(m.ProbabilityOfPurchases(n, Horizon.Weeks(20)), 1e-12);
        }
    }

    [Fact]
    public void ConditionalProbabilityOfPurchases_BgNbdNoRepeat_HasTheClosedFormZeroCount()
    {
        // x = 0 under BG/NBD: alive for sure (no dropout chance yet), λ ~ Gamma(r, α + T), so P(0) = E[(1−p)^0 e^{−λh}] + 0
        // = ((α+T)/(α+T+h))^r.
        double expected = Math.Pow((4.414 + 38.86) / (4.414 + 38.86 + 39), 0.243);
        BgNbd.ConditionalProbabilityOfPurchases(0, Horizon.Weeks(39), 0, 0, 38.86).Should().BeApproximately(expected, 1e-14);
    }

    [Theory]
    [InlineData("bgnbd")]
    [InlineData("mbgnbd")]
    [InlineData("paretonbd")]
    public void ConditionalProbabilityOfPurchases_ZeroHorizon_IsCertainNoPurchase(string kind)
    {
        Pmf(kind, 0, Horizon.Weeks(0), 2, 30.43, 38.86).Should().Be(1);
        Pmf(kind, 1, Horizon.Weeks(0), 2, 30.43, 38.86).Should().Be(0);
    }

    [Theory]
    [InlineData("bgnbd")]
    [InlineData("mbgnbd")]
    [InlineData("paretonbd")]
    public void ConditionalProbabilityOfPurchases_HorizonInDays_EqualsTheSameHorizonInWeeks(string kind) =>
        Pmf(kind, 2, Horizon.Days(273), 2, 30.43, 38.86).Should().BeApproximately(Pmf(kind, 2, Horizon.Weeks(39), 2, 30.43, 38.86), 1e-12);

    [Theory]
    [InlineData("bgnbd", 2, 30.43, 38.86)]
    [InlineData("mbgnbd", 2, 30.43, 38.86)]
    [InlineData("paretonbd", 2, 30.43, 38.86)]
    [InlineData("bgnbd", 0, 0, 38.86)]
    [InlineData("mbgnbd", 0, 0, 38.86)]
    [InlineData("paretonbd", 0, 0, 38.86)]
    public void ConditionalProbabilityOfPurchases_MonteCarloFromTheModel_Agrees(string kind, double x, double tx, double t)
    {
        // The posterior over (rates, alive) is sampled by drawing the individual parameters from the population
        // distribution and weighting them by the likelihood of (x, t_x, T), alive and dead separately; the future of the
        // alive draws is then simulated purchase by purchase. Fixed seed, 200,000 draws, loose tolerance.
        const double h = 39;
        var rng = new Samplers(404);
        var weights = new double[12];
        double total = 0;
        for (int i = 0; i < 200_000; i++)
        {
            double wAlive, wDead;
            int future;
            if (kind == "paretonbd")
            {
                double lambda = rng.Gamma(0.553, 10.578), mu = rng.Gamma(0.606, 11.669);
                wAlive = Math.Pow(lambda, x) * Math.Exp(-(lambda + mu) * t);
                wDead = Math.Pow(lambda, x) * mu / (lambda + mu) * (Math.Exp(-(lambda + mu) * tx) - Math.Exp(-(lambda + mu) * t));
                double death = rng.Exponential(mu), time = 0;
                future = 0;
                while (true)
                {
                    time += rng.Exponential(lambda);
                    if (time > Math.Min(h, death))
                    {
                        break;
                    }

                    future++;
                }
            }
            else
            {
                bool modified = kind == "mbgnbd";
                double r = modified ? 0.525 : 0.243, alpha = modified ? 6.183 : 4.414, a = modified ? 0.891 : 0.793, b = modified ? 1.614 : 2.426;
                double lambda = rng.Gamma(r, alpha), p = rng.Beta(a, b);
                double survived = x + (modified ? 1 : 0);
                wAlive = Math.Pow(1 - p, survived) * Math.Pow(lambda, x) * Math.Exp(-lambda * t);
                wDead = x > 0 || modified ? p * Math.Pow(1 - p, survived - 1) * Math.Pow(lambda, x) * Math.Exp(-lambda * tx) : 0;
                double time = 0;
                future = 0;
                while (true)
                {
                    time += rng.Exponential(lambda);
                    if (time > h)
                    {
                        break;
                    }

                    future++;
                    if (rng.Uniform() < p)
                    {
                        break;
                    }
                }
            }

            total += wAlive + wDead;
            weights[0] += wDead;
            if (future < weights.Length)
            {
                weights[future] += wAlive;
            }
        }

        for (int n = 0; n < 5; n++)
        {
            double simulated = weights[n] / total;
            Pmf(kind, n, Horizon.Weeks(h), x, tx, t).Should().BeApproximately(simulated, 0.015, "n = {0}", n);
        }
    }

    [Fact]
    public void ConditionalProbabilityOfPurchases_InvalidArguments_ThrowNamingThem()
    {
        Horizon h = Horizon.Weeks(1);
        foreach (Func<int, double, double, double, double> pmf in new Func<int, double, double, double, double>[]
        {
            (n, x, tx, t) => BgNbd.ConditionalProbabilityOfPurchases(n, h, x, tx, t),
            (n, x, tx, t) => Mbg.ConditionalProbabilityOfPurchases(n, h, x, tx, t),
            (n, x, tx, t) => Pareto.ConditionalProbabilityOfPurchases(n, h, x, tx, t),
        })
        {
            FluentActions.Invoking(() => pmf(-1, 1, 1, 2)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("count");
            FluentActions.Invoking(() => pmf(0, double.NaN, 1, 2)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("frequency");
            FluentActions.Invoking(() => pmf(0, 1, -1, 2)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("recency");
            FluentActions.Invoking(() => pmf(0, 1, 3, 2)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("t");
        }
    }
}
