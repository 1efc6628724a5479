namespace RelationshipKit.Loyalty;

/// <summary>The stage a <see cref="StageModel"/> assigns to one customer at one time, with the rule that decided it.</summary>
/// <remarks>An immutable value (a customer id, a rule reference and a time: no allocation); thread-safe.</remarks>
public readonly record struct StageAssignment
{
    /// <summary>Creates an assignment.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="rule">The rule that fired.</param>
    /// <param name="asOf">The time of the assignment.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is <see langword="null"/>.</exception>
    public StageAssignment(CustomerId customerId, StageRule rule, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(rule);
        CustomerId = customerId;
        Rule = rule;
        AsOf = asOf;
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>The rule that fired (<see langword="null"/> only for the <see langword="default"/> value).</summary>
    public StageRule? Rule { get; }

    /// <summary>The time of the assignment.</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>The stage assigned; <see langword="default"/> for the <see langword="default"/> value.</summary>
    public Stage Stage => Rule?.Stage ?? default;

    /// <summary>Why: the description of the rule that fired.</summary>
    public string Reason => Rule?.Description ?? string.Empty;

    /// <inheritdoc />
    public override string ToString() => $"{CustomerId}: {Stage} ({Reason})";
}
