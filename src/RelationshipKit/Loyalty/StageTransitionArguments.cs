namespace RelationshipKit.Loyalty;

/// <summary>What an <see cref="IStageTransitionObserver"/> is told about a transition.</summary>
/// <remarks>Built by constructor, so members can be added without breaking observers. Immutable; thread-safe.</remarks>
public readonly struct StageTransitionArguments
{
    /// <summary>Creates the arguments.</summary>
    /// <param name="transition">The transition, as stored.</param>
    /// <param name="assignment">The assignment that caused it.</param>
    public StageTransitionArguments(StageTransition transition, StageAssignment assignment)
    {
        Transition = transition;
        Assignment = assignment;
    }

    /// <summary>The transition, as stored.</summary>
    public StageTransition Transition { get; }

    /// <summary>The assignment that caused it (with the rule that fired).</summary>
    public StageAssignment Assignment { get; }
}
