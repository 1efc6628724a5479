namespace RelationshipKit.Internal;

/// <summary>Samplers for the continuous distributions the simulator needs, over <see cref="Xoshiro256StarStar"/>.</summary>
/// <remarks>
/// <para>Standard normal: Marsaglia's polar method (Marsaglia and Bray 1964), both variates of a pair used.</para>
/// <para>Gamma: Marsaglia and Tsang (2000), "A simple method for generating gamma variables", ACM TOMS 26(3),
/// with their boost for shape &lt; 1 (a Gamma(shape + 1) variate times U^(1/shape)).</para>
/// <para>Beta(a, b): X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).</para>
/// <para>Pure functions of the generator state; not thread-safe because the generator is not.</para>
/// </remarks>
internal struct RandomVariates
{
    private Xoshiro256StarStar _random;
    private double _spareNormal;
    private bool _hasSpare;

    public RandomVariates(ulong seed)
    {
        _random = new Xoshiro256StarStar(seed);
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double Uniform() => _random.NextDouble();

    /// <summary>An exponential variate with rate 1.</summary>
    public double StandardExponential() => -Math.Log(_random.NextOpenDouble());

    /// <summary>A standard normal variate.</summary>
    public double StandardNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
        }

        double u;
        double v;
        double s;
        do
        {
            u = (2.0 * _random.NextDouble()) - 1.0;
            v = (2.0 * _random.NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        double factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareNormal = v * factor;
        _hasSpare = true;
        return u * factor;
    }

    /// <summary>A Gamma variate with the given shape and rate 1 (scale 1).</summary>
    /// <param name="shape">The shape, positive and finite (checked by the caller).</param>
    public double Gamma(double shape)
    {
        if (shape < 1.0)
        {
            // Boost: if X ~ Gamma(shape + 1) and U ~ U(0, 1], X * U^(1/shape) ~ Gamma(shape).
            double x = GammaAtLeastOne(shape + 1.0);
            return x * Math.Exp(Math.Log(_random.NextOpenDouble()) / shape);
        }

        return GammaAtLeastOne(shape);
    }

    /// <summary>A Beta(a, b) variate.</summary>
    /// <param name="a">The first shape, positive.</param>
    /// <param name="b">The second shape, positive.</param>
    public double Beta(double a, double b)
    {
        double x = Gamma(a);
        double y = Gamma(b);
        double sum = x + y;
        if (sum > 0.0)
        {
            return x / sum;
        }

        // Both variates underflowed (tiny shapes): the Beta mass sits at the ends; pick one with the right odds.
        return _random.NextDouble() < a / (a + b) ? 1.0 : 0.0;
    }

    private double GammaAtLeastOne(double shape)
    {
        double d = shape - (1.0 / 3.0);
        double c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x;
            double v;
            do
            {
                x = StandardNormal();
                v = 1.0 + (c * x);
            }
            while (v <= 0.0);

            v = v * v * v;
            double u = _random.NextOpenDouble();
            double x2 = x * x;
            if (u < 1.0 - (0.0331 * x2 * x2))
            {
                return d * v;
            }

            if (Math.Log(u) < (0.5 * x2) + (d * (1.0 - v + Math.Log(v))))
            {
                return d * v;
            }
        }
    }
}
