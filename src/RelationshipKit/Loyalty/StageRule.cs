namespace RelationshipKit.Loyalty;

/// <summary>
/// One guarded rule of a <see cref="StageModel"/>: when <see cref="Predicate"/> holds (and, if any are given, the
/// customer's current stage is one of <see cref="FromStages"/>), the customer is in <see cref="Stage"/>, because of
/// <see cref="Description"/>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class StageRule
{
    private readonly Stage[] _fromStages;

    internal StageRule(int index, Stage stage, StagePredicate? predicate, string description, Stage[] fromStages)
    {
        Index = index;
        Stage = stage;
        Predicate = predicate;
        Description = description;
        _fromStages = fromStages;
    }

    /// <summary>The rule's position in the model's evaluation order (0 first); the fallback rule comes last.</summary>
    public int Index { get; }

    /// <summary>The stage the rule assigns.</summary>
    public Stage Stage { get; }

    /// <summary>The guard; <see langword="null"/> for the model's fallback rule, which always applies.</summary>
    public StagePredicate? Predicate { get; }

    /// <summary>Why the rule assigns its stage, for people: the reason of every assignment it makes.</summary>
    public string Description { get; }

    /// <summary>The stages the customer must be in now for the rule to apply; empty when it applies from any stage (or none).</summary>
    public IReadOnlyList<Stage> FromStages => _fromStages;

    /// <summary>Whether this is the model's fallback rule (used when no other rule applies).</summary>
    public bool IsFallback => Predicate is null;

    /// <summary>Tells whether the rule applies.</summary>
    /// <param name="state">The customer's state.</param>
    /// <param name="context">The time and current stage.</param>
    /// <returns><see langword="true"/> when the rule applies.</returns>
    public bool Applies(in LoyaltyState state, in StageContext context)
    {
        if (_fromStages.Length > 0)
        {
            Stage previous = context.Previous;
            bool found = false;
            foreach (Stage from in _fromStages)
            {
                if (from.Equals(previous))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return Predicate is null || Predicate(in state, in context);
    }

    /// <summary>Returns the stage and the description.</summary>
    /// <returns>Text for people.</returns>
    public override string ToString() => $"{Stage}: {Description}";
}
