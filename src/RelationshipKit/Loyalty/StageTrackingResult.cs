namespace RelationshipKit.Loyalty;

/// <summary>The outcome of tracking one customer: the stage assigned and, when it changed, the transition.</summary>
/// <param name="Assignment">The stage assigned now, with the rule that fired.</param>
/// <param name="Transition">The transition from the stored stage, or <see langword="null"/> when the stage did not change.</param>
/// <param name="Stored">Whether the transition was newly stored (and observers called); <see langword="false"/> without a transition, for a replay, or when the result was only compared.</param>
public readonly record struct StageTrackingResult(StageAssignment Assignment, StageTransition? Transition, bool Stored)
{
    /// <summary>Whether the stage changed.</summary>
    public bool Changed => Transition is not null;
}
