namespace RelationshipKit.Loyalty;

/// <summary>
/// What a stage rule may read besides the customer's <see cref="LoyaltyState"/>: the time of the assignment and the
/// stage the customer is in now (stored by the host), so that rules such as "won back" can depend on it.
/// </summary>
/// <remarks>An immutable value; thread-safe.</remarks>
public readonly record struct StageContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="asOf">The time the stage is assigned for; not the default value.</param>
    /// <param name="previous">The customer's current (stored) stage in this model; <see langword="default"/> when none.</param>
    /// <param name="previousSince">When the customer entered <paramref name="previous"/>; ignored without a previous stage.</param>
    /// <exception cref="ArgumentException"><paramref name="asOf"/> is the default value.</exception>
    public StageContext(DateTimeOffset asOf, Stage previous = default, DateTimeOffset? previousSince = null)
    {
        if (asOf == default)
        {
            throw new ArgumentException("The time is the default value.", nameof(asOf));
        }

        AsOf = asOf;
        Previous = previous;
        PreviousSince = previous.IsEmpty ? null : previousSince;
    }

    /// <summary>The time the stage is assigned for.</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>The customer's current (stored) stage; <see langword="default"/> when none.</summary>
    public Stage Previous { get; }

    /// <summary>When the customer entered <see cref="Previous"/>, when known.</summary>
    public DateTimeOffset? PreviousSince { get; }

    /// <summary>How long the customer has been in <see cref="Previous"/> at <see cref="AsOf"/>, when known.</summary>
    public TimeSpan? TimeInPrevious => PreviousSince is { } since ? AsOf - since : null;
}
