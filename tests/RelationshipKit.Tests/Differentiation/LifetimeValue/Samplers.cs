namespace RelationshipKit.Tests.Differentiation.LifetimeValue;

/// <summary>Small samplers for simulating populations from known parameters (parameter-recovery tests).</summary>
internal sealed class Samplers(int seed)
{
    private readonly Random _random = new(seed);

    public double Uniform() => _random.NextDouble();

    public double Normal()
    {
        double u1 = 1 - _random.NextDouble(), u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Gamma(shape, scale = 1/rate) by Marsaglia &amp; Tsang (2000), boosted for shape &lt; 1.</summary>
    public double Gamma(double shape, double rate)
    {
        if (shape < 1)
        {
            return Gamma(shape + 1, rate) * Math.Pow(1 - _random.NextDouble(), 1 / shape);
        }

        double d = shape - (1.0 / 3), c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x = Normal(), v = 1 + (c * x);
            if (v <= 0)
            {
                continue;
            }

            v = v * v * v;
            double u = 1 - _random.NextDouble();
            if (Math.Log(u) < (0.5 * x * x) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v / rate;
            }
        }
    }

    public double Beta(double a, double b)
    {
        double x = Gamma(a, 1), y = Gamma(b, 1);
        return x / (x + y);
    }

    public double Exponential(double rate) => -Math.Log(1 - _random.NextDouble()) / rate;

    /// <summary>BG/NBD (or MBG/NBD when <paramref name="modified"/>) customers observed for T each.</summary>
    public (int[] X, double[] Tx, double[] T) BgNbd(int n, double r, double alpha, double a, double b, bool modified, double minT, double maxT)
    {
        var xs = new int[n];
        var txs = new double[n];
        var ts = new double[n];
        for (int i = 0; i < n; i++)
        {
            double lambda = Gamma(r, alpha), p = Beta(a, b);
            double t = minT + ((maxT - minT) * Uniform());
            int x = 0;
            double time = 0, last = 0;
            bool alive = !modified || Uniform() >= p;
            while (alive)
            {
                time += Exponential(lambda);
                if (time > t)
                {
                    break;
                }

                x++;
                last = time;
                alive = Uniform() >= p;
            }

            xs[i] = x;
            txs[i] = last;
            ts[i] = t;
        }

        return (xs, txs, ts);
    }

    /// <summary>BG/NBD customers observed for T each, plus their purchases in a holdout window of length <paramref name="holdout"/>.</summary>
    public (int[] X, double[] Tx, double[] T, double[] Holdout) BgNbdWithHoldout(int n, double r, double alpha, double a, double b, double minT, double maxT, double holdout)
    {
        var xs = new int[n];
        var txs = new double[n];
        var ts = new double[n];
        var hs = new double[n];
        for (int i = 0; i < n; i++)
        {
            double lambda = Gamma(r, alpha), p = Beta(a, b);
            double t = minT + ((maxT - minT) * Uniform());
            double time = 0, last = 0;
            int x = 0, y = 0;
            while (true)
            {
                time += Exponential(lambda);
                if (time > t + holdout)
                {
                    break;
                }

                if (time <= t)
                {
                    x++;
                    last = time;
                }
                else
                {
                    y++;
                }

                if (Uniform() < p)
                {
                    break;
                }
            }

            xs[i] = x;
            txs[i] = last;
            ts[i] = t;
            hs[i] = y;
        }

        return (xs, txs, ts, hs);
    }

    public (int[] X, double[] Tx, double[] T) ParetoNbd(int n, double r, double alpha, double s, double beta, double minT, double maxT)
    {
        var xs = new int[n];
        var txs = new double[n];
        var ts = new double[n];
        for (int i = 0; i < n; i++)
        {
            double lambda = Gamma(r, alpha), mu = Gamma(s, beta);
            double t = minT + ((maxT - minT) * Uniform());
            double end = Math.Min(t, Exponential(mu));
            int x = 0;
            double time = 0, last = 0;
            while (true)
            {
                time += Exponential(lambda);
                if (time > end)
                {
                    break;
                }

                x++;
                last = time;
            }

            xs[i] = x;
            txs[i] = last;
            ts[i] = t;
        }

        return (xs, txs, ts);
    }

    /// <summary>BG/BB (x, t_x, n) for n opportunities; alive at each opportunity with 1 − θ, transacting with p.</summary>
    public (int[] X, int[] Tx, int[] N) BgBb(int count, double alpha, double beta, double gamma, double delta, int periods)
    {
        var xs = new int[count];
        var txs = new int[count];
        var ns = new int[count];
        for (int i = 0; i < count; i++)
        {
            double p = Beta(alpha, beta), theta = Beta(gamma, delta);
            int x = 0, tx = 0;
            for (int t = 1; t <= periods; t++)
            {
                if (Uniform() < theta)
                {
                    break;
                }

                if (Uniform() < p)
                {
                    x++;
                    tx = t;
                }
            }

            xs[i] = x;
            txs[i] = tx;
            ns[i] = periods;
        }

        return (xs, txs, ns);
    }

    /// <summary>Gamma-Gamma: x ≥ 1 transactions each Gamma(p, ν), ν ~ Gamma(q, gamma); returns x and the mean.</summary>
    public (int[] X, double[] M) GammaGamma(int count, double p, double q, double gamma)
    {
        var xs = new int[count];
        var ms = new double[count];
        for (int i = 0; i < count; i++)
        {
            double nu = Gamma(q, gamma);
            int x = 1 + (int)(Uniform() * 8);
            double sum = 0;
            for (int j = 0; j < x; j++)
            {
                sum += Gamma(p, nu);
            }

            xs[i] = x;
            ms[i] = sum / x;
        }

        return (xs, ms);
    }

    /// <summary>sBG cohort survivors at the start of periods 0..periods.</summary>
    public double[] ShiftedBetaGeometric(int cohort, double alpha, double beta, int periods)
    {
        var survivors = new double[periods + 1];
        for (int i = 0; i < cohort; i++)
        {
            double theta = Beta(alpha, beta);
            int t = 0;
            survivors[0]++;
            while (t < periods && Uniform() >= theta)
            {
                t++;
                survivors[t]++;
            }
        }

        return survivors;
    }
}
