namespace RelationshipKit.Loyalty;

/// <summary>The stage a customer is in now in one model, as the latest stored transition says.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Since">When the customer entered it.</param>
/// <param name="Reason">Why (the reason of the transition).</param>
public readonly record struct CurrentStage(Stage Stage, DateTimeOffset Since, string Reason)
{
    /// <summary>The current stage after a transition.</summary>
    /// <param name="transition">The transition.</param>
    /// <returns>The stage entered, when and why.</returns>
    public static CurrentStage From(in StageTransition transition) => new(transition.Next, transition.At, transition.Reason);
}
