namespace RelationshipKit.Loyalty;

/// <summary>A customer moved from one stage of a model to another: from, to, when and why.</summary>
/// <remarks>
/// <para>The key of a transition is (model, customer, time): storing the same transition again is a replay and changes
/// nothing; a different transition with the same key is a conflict.</para>
/// <para>An immutable value; thread-safe.</para>
/// </remarks>
public readonly record struct StageTransition
{
    /// <summary>Creates a transition, checking every field.</summary>
    /// <param name="modelName">The stage model's name (lower camel case).</param>
    /// <param name="customerId">The customer; not the default value.</param>
    /// <param name="previous">The stage left; <see langword="default"/> for the customer's first stage.</param>
    /// <param name="next">The stage entered; not the default value, and not <paramref name="previous"/>.</param>
    /// <param name="at">When; not the default value.</param>
    /// <param name="reason">Why: the description of the rule that assigned <paramref name="next"/>; not empty.</param>
    /// <exception cref="ArgumentNullException"><paramref name="modelName"/> or <paramref name="reason"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A field is missing or invalid; the exception names it.</exception>
    public StageTransition(string modelName, CustomerId customerId, Stage previous, Stage next, DateTimeOffset at, string reason)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        if (!Stage.IsValidName(modelName))
        {
            throw new ArgumentException($"'{modelName}' is not a valid model name.", nameof(modelName));
        }

        if (customerId.IsEmpty)
        {
            throw new ArgumentException("The customer id is the default value.", nameof(customerId));
        }

        if (next.IsEmpty)
        {
            throw new ArgumentException("The stage entered is the default value.", nameof(next));
        }

        if (previous == next)
        {
            throw new ArgumentException($"A transition must change the stage; both are '{next}'.", nameof(next));
        }

        if (at == default)
        {
            throw new ArgumentException("The time is the default value.", nameof(at));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ModelName = modelName;
        CustomerId = customerId;
        Previous = previous;
        Next = next;
        At = at;
        Reason = reason;
    }

    /// <summary>The stage model's name.</summary>
    public string ModelName { get; }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>The stage left; <see langword="default"/> for the customer's first stage.</summary>
    public Stage Previous { get; }

    /// <summary>The stage entered.</summary>
    public Stage Next { get; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; }

    /// <summary>Why: the description of the rule that assigned <see cref="Next"/>.</summary>
    public string Reason { get; }

    /// <summary>Whether this is the customer's first stage in the model.</summary>
    public bool IsInitial => Previous.IsEmpty;

    /// <summary>Whether <paramref name="other"/> has the same key (model, customer, time to the tick).</summary>
    /// <param name="other">The other transition.</param>
    /// <returns><see langword="true"/> for the same key.</returns>
    public bool HasSameKey(in StageTransition other) =>
        string.Equals(ModelName, other.ModelName, StringComparison.Ordinal) && CustomerId == other.CustomerId && At.UtcTicks == other.At.UtcTicks;

    /// <inheritdoc />
    public override string ToString() => $"{ModelName} {CustomerId}: {(Previous.IsEmpty ? "(none)" : Previous.Name)} -> {Next} at {At:O} ({Reason})";
}
