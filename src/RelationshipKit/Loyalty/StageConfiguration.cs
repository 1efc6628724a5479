namespace RelationshipKit.Loyalty;

/// <summary>The fluent configuration of one stage of a <see cref="StageModelBuilder"/>: its guarded rules.</summary>
/// <remarks>Not thread-safe (it writes to its builder).</remarks>
public sealed class StageConfiguration
{
    private readonly StageModelBuilder _builder;

    internal StageConfiguration(StageModelBuilder builder, Stage stage)
    {
        _builder = builder;
        Target = stage;
    }

    /// <summary>The stage being configured.</summary>
    public Stage Target { get; }

    /// <summary>Adds a rule: the customer is in this stage when <paramref name="predicate"/> holds (and no earlier rule applied).</summary>
    /// <param name="predicate">The guard; pure and thread-safe.</param>
    /// <param name="description">Why, for people: the reason of every assignment the rule makes.</param>
    /// <returns>This configuration.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="description"/> is empty or white space.</exception>
    public StageConfiguration When(StagePredicate predicate, string description)
    {
        _builder.AddRule(Target, predicate, description, null);
        return this;
    }

    /// <summary>Adds a rule that applies only when the customer's current stage is one of <paramref name="currentStages"/>.</summary>
    /// <param name="currentStages">The stages the customer must be in now; at least one, each declared in the model by <see cref="StageModelBuilder.Build"/>.</param>
    /// <param name="predicate">The guard; pure and thread-safe.</param>
    /// <param name="description">Why, for people.</param>
    /// <returns>This configuration.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="currentStages"/> is empty or holds an invalid name, or <paramref name="description"/> is empty.</exception>
    public StageConfiguration WhenCurrently(IEnumerable<string> currentStages, StagePredicate predicate, string description)
    {
        ArgumentNullException.ThrowIfNull(currentStages);
        _builder.AddRule(Target, predicate, description, currentStages);
        return this;
    }

    /// <summary>Declares (or returns to) another stage; see <see cref="StageModelBuilder.Stage"/>.</summary>
    /// <param name="name">The stage's name.</param>
    /// <param name="description">What the stage means, or <see langword="null"/>.</param>
    /// <returns>That stage's configuration.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid stage name.</exception>
    public StageConfiguration Stage(string name, string? description = null) => _builder.Stage(name, description);

    /// <summary>Names the fallback stage; see <see cref="StageModelBuilder.Otherwise"/>.</summary>
    /// <param name="stage">The stage's name.</param>
    /// <param name="description">Why it is assigned.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="stage"/> is not a valid name or <paramref name="description"/> is empty.</exception>
    public StageModelBuilder Otherwise(string stage, string description) => _builder.Otherwise(stage, description);
}
