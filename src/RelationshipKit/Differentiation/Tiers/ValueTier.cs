namespace RelationshipKit.Differentiation.Tiers;

/// <summary>A value tier: customers whose score is at least <see cref="MinimumScore"/> (and below the tier above) belong to it.</summary>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct ValueTier
{
    /// <summary>Creates a tier.</summary>
    /// <param name="name">The tier name; not empty or white space.</param>
    /// <param name="minimumScore">The lowest score of the tier, inclusive; not NaN (-∞ makes a catch-all bottom tier).</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumScore"/> is NaN or +∞.</exception>
    public ValueTier(string name, double minimumScore)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (double.IsNaN(minimumScore) || double.IsPositiveInfinity(minimumScore))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumScore), minimumScore, "The minimum score must be a number below +∞ (-∞ is allowed).");
        }

        Name = name;
        MinimumScore = minimumScore;
    }

    /// <summary>The tier name.</summary>
    public string Name { get; }

    /// <summary>The lowest score of the tier, inclusive.</summary>
    public double MinimumScore { get; }
}
