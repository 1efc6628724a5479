namespace RelationshipKit.Loyalty;

/// <summary>How the lifecycle (<see cref="CustomerLifecycle"/>) decides that a customer is at risk, lapsed or lost.</summary>
public enum LifecycleBasis
{
    /// <summary>
    /// The customer's own rhythm: the time since the last purchase against multiples of their mean inter-purchase
    /// time. Customers with one purchase (no rhythm yet) fall back to the fixed day thresholds.
    /// </summary>
    Rhythm = 0,

    /// <summary>
    /// P(alive) from a fitted model (BG/NBD, Pareto/NBD, ...) against probability thresholds. Customers without a
    /// P(alive) fall back to the fixed day thresholds.
    /// </summary>
    ProbabilityAlive = 1,

    /// <summary>Fixed day thresholds on the time since the last purchase, the same for everyone.</summary>
    FixedDays = 2,
}
