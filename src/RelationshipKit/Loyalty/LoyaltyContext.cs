namespace RelationshipKit.Loyalty;

/// <summary>What segment predicates and the next-best-action rules read besides the <see cref="LoyaltyState"/>: the time and the customer's stages.</summary>
/// <remarks>An immutable value; thread-safe.</remarks>
public readonly record struct LoyaltyContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="asOf">The time; not the default value.</param>
    /// <param name="loyaltyStage">The customer's stage on the loyalty ladder (or a host's main model); <see langword="default"/> when unknown.</param>
    /// <param name="lifecycleStage">The customer's lifecycle stage; <see langword="default"/> when unknown.</param>
    /// <exception cref="ArgumentException"><paramref name="asOf"/> is the default value.</exception>
    public LoyaltyContext(DateTimeOffset asOf, Stage loyaltyStage = default, Stage lifecycleStage = default)
    {
        if (asOf == default)
        {
            throw new ArgumentException("The time is the default value.", nameof(asOf));
        }

        AsOf = asOf;
        LoyaltyStage = loyaltyStage;
        LifecycleStage = lifecycleStage;
    }

    /// <summary>The time.</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>The customer's stage on the loyalty ladder; <see langword="default"/> when unknown.</summary>
    public Stage LoyaltyStage { get; }

    /// <summary>The customer's lifecycle stage; <see langword="default"/> when unknown.</summary>
    public Stage LifecycleStage { get; }
}
