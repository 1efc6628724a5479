namespace RelationshipKit.Differentiation.Tiers;

/// <summary>A tier defined by rank: the customers from the previous tier's cut down to the top <see cref="TopPercent"/> percent.</summary>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct TopPercentTier
{
    /// <summary>Creates a tier.</summary>
    /// <param name="name">The tier name; not empty or white space.</param>
    /// <param name="topPercent">The cumulative share of customers, from the top, that this tier and those above it hold: above 0, at most 100.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="topPercent"/> is not in (0, 100].</exception>
    public TopPercentTier(string name, double topPercent)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!(topPercent > 0 && topPercent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(topPercent), topPercent, "The top percent must be above 0 and at most 100.");
        }

        Name = name;
        TopPercent = topPercent;
    }

    /// <summary>The tier name.</summary>
    public string Name { get; }

    /// <summary>The cumulative share of customers, in percent from the top, that this tier and those above it hold.</summary>
    public double TopPercent { get; }
}
