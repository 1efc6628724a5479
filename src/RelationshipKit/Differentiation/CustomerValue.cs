namespace RelationshipKit.Differentiation;

/// <summary>
/// What a scoring model says about one customer: a headline <see cref="Score"/> (for ranking, tiers and
/// composites) and, where the model provides them, the RFM cell and segment, P(alive), expected purchases,
/// expected spend and lifetime value.
/// </summary>
/// <remarks>
/// An immutable value with no per-customer heap allocation (segment and tier names are shared strings of the
/// model). Build it with the constructor and the <c>With...</c> methods, which return changed copies.
/// </remarks>
public readonly record struct CustomerValue
{
    /// <summary>Creates a value with a headline score only.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="score">The headline score; higher is more valuable; finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is NaN or infinite.</exception>
    public CustomerValue(CustomerId customerId, double score)
    {
        if (!double.IsFinite(score))
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, "The score must be finite.");
        }

        CustomerId = customerId;
        Score = score;
    }

    /// <summary>Creates an RFM value in one step, for span scoring (the caller guarantees a finite score).</summary>
    internal CustomerValue(CustomerId customerId, double score, RfmScore rfm, string? segment)
    {
        CustomerId = customerId;
        Score = score;
        Rfm = rfm;
        Segment = segment;
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>The headline score; higher is more valuable. Its scale is the model's.</summary>
    public double Score { get; }

    /// <summary>The RFM cell, when the model is an RFM model.</summary>
    public RfmScore? Rfm { get; private init; }

    /// <summary>The named segment, when the model assigns one.</summary>
    public string? Segment { get; private init; }

    /// <summary>The value tier, when one was assigned.</summary>
    public string? Tier { get; private init; }

    /// <summary>The probability that the customer is still active, in [0, 1].</summary>
    public double? ProbabilityAlive { get; private init; }

    /// <summary>The expected number of purchases over the model's horizon.</summary>
    public double? ExpectedPurchases { get; private init; }

    /// <summary>The expected spend per purchase.</summary>
    public double? ExpectedSpend { get; private init; }

    /// <summary>The customer lifetime value over the model's horizon (discounted, with margin, as configured).</summary>
    public double? LifetimeValue { get; private init; }

    /// <summary>Returns a copy with the RFM cell and segment set.</summary>
    /// <param name="rfm">The cell.</param>
    /// <param name="segment">The segment name, or <see langword="null"/>.</param>
    /// <returns>The changed copy.</returns>
    public CustomerValue WithRfm(RfmScore rfm, string? segment) => this with { Rfm = rfm, Segment = segment };

    /// <summary>Returns a copy with the tier set.</summary>
    /// <param name="tier">The tier name, or <see langword="null"/> to clear it.</param>
    /// <returns>The changed copy.</returns>
    public CustomerValue WithTier(string? tier) => this with { Tier = tier };

    /// <summary>Returns a copy with the lifetime-value figures set; each may be <see langword="null"/> when the model lacks it.</summary>
    /// <param name="probabilityAlive">P(alive), in [0, 1].</param>
    /// <param name="expectedPurchases">Expected purchases over the horizon, 0 or more.</param>
    /// <param name="expectedSpend">Expected spend per purchase.</param>
    /// <param name="lifetimeValue">Lifetime value.</param>
    /// <returns>The changed copy.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A figure is NaN or infinite, or P(alive) is outside [0, 1], or expected purchases are negative.</exception>
    public CustomerValue WithLifetimeValue(double? probabilityAlive, double? expectedPurchases, double? expectedSpend, double? lifetimeValue)
    {
        if (probabilityAlive is { } p && !(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probabilityAlive), p, "P(alive) must be in [0, 1].");
        }

        if (expectedPurchases is { } e && !(double.IsFinite(e) && e >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(expectedPurchases), e, "Expected purchases must be finite and 0 or more.");
        }

        if (expectedSpend is { } s && !double.IsFinite(s))
        {
            throw new ArgumentOutOfRangeException(nameof(expectedSpend), s, "Expected spend must be finite.");
        }

        if (lifetimeValue is { } v && !double.IsFinite(v))
        {
            throw new ArgumentOutOfRangeException(nameof(lifetimeValue), v, "Lifetime value must be finite.");
        }

        return this with { ProbabilityAlive = probabilityAlive, ExpectedPurchases = expectedPurchases, ExpectedSpend = expectedSpend, LifetimeValue = lifetimeValue };
    }
}
