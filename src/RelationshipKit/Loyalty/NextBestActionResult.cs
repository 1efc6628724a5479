namespace RelationshipKit.Loyalty;

/// <summary>The next best actions for one customer at one time: the ranked actions the policy allows and, separately, those it refuses on every channel.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class NextBestActionResult
{
    internal NextBestActionResult(CustomerId customerId, DateTimeOffset asOf, NextBestAction[] actions, NextBestAction[] refused)
    {
        CustomerId = customerId;
        AsOf = asOf;
        Actions = actions;
        Refused = refused;
    }

    /// <summary>The customer.</summary>
    public CustomerId CustomerId { get; }

    /// <summary>The time.</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>The actions with an allowed channel, best first (highest score; ties in <see cref="NextBestActionKind"/> order).</summary>
    public IReadOnlyList<NextBestAction> Actions { get; }

    /// <summary>The actions the contact policy refuses on every channel, best first, each with the policy's reasons ("refused by policy" in a contact plan).</summary>
    public IReadOnlyList<NextBestAction> Refused { get; }

    /// <summary>The best allowed action, or <see langword="null"/> when none.</summary>
    public NextBestAction? Best => Actions.Count > 0 ? Actions[0] : null;
}
