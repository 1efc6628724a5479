namespace RelationshipKit.Loyalty;

/// <summary>
/// Builds a <see cref="StageModel"/> fluently: declare stages, give each its guarded rules with descriptions, name the
/// fallback stage, then <see cref="Build"/>.
/// </summary>
/// <example>
/// <code>
/// StageModel model = new StageModelBuilder("membership")
///     .Stage("gold", "Spends over 1,000 a year").When((in s, in c) => s.TotalSpend > 1000m, "spent more than 1,000")
///     .Stage("member").When((in s, in c) => s.HasPurchased, "has bought")
///     .Otherwise("visitor", "has not bought yet")
///     .Build();
/// </code>
/// </example>
/// <remarks>Rules are evaluated in the order they are added, across stages. A builder is not thread-safe; the model it builds is.</remarks>
public sealed class StageModelBuilder
{
    private readonly List<Stage> _stages = [];
    private readonly List<string?> _descriptions = [];
    private readonly List<(Stage Stage, StagePredicate Predicate, string Description, string[] From)> _rules = [];
    private (Stage Stage, string Description)? _fallback;

    /// <summary>Starts a model.</summary>
    /// <param name="name">The model's name: lower camel case ASCII, at most 48 characters (see <see cref="Loyalty.Stage.IsValidName"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid name.</exception>
    public StageModelBuilder(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Loyalty.Stage.IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid model name: use lower camel case ASCII, at most 48 characters.", nameof(name));
        }

        Name = name;
    }

    /// <summary>The model's name.</summary>
    public string Name { get; }

    /// <summary>Declares a stage (or returns to one already declared) to add rules to it.</summary>
    /// <param name="name">The stage's name (lower camel case).</param>
    /// <param name="description">What the stage means, for people and the diagram; <see langword="null"/> keeps any given before.</param>
    /// <returns>The stage's configuration, for chaining <see cref="StageConfiguration.When"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid stage name, or <paramref name="description"/> is white space.</exception>
    public StageConfiguration Stage(string name, string? description = null)
    {
        var stage = new Stage(name);
        if (description is not null && string.IsNullOrWhiteSpace(description))
        {
            throw new ArgumentException("The description is white space.", nameof(description));
        }

        int i = _stages.IndexOf(stage);
        if (i < 0)
        {
            _stages.Add(stage);
            _descriptions.Add(description);
        }
        else if (description is not null)
        {
            _descriptions[i] = description;
        }

        return new StageConfiguration(this, stage);
    }

    /// <summary>Names the fallback stage: the one assigned when no rule applies (declared if it is not yet).</summary>
    /// <param name="stage">The stage's name.</param>
    /// <param name="description">Why it is assigned (the reason of every fallback assignment).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="stage"/> is not a valid name or <paramref name="description"/> is empty.</exception>
    public StageModelBuilder Otherwise(string stage, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        Stage target = Stage(stage).Target;
        _fallback = (target, description);
        return this;
    }

    /// <summary>Builds the immutable model.</summary>
    /// <returns>The model.</returns>
    /// <exception cref="InvalidOperationException">No fallback stage was named, or a rule requires a current stage that was never declared.</exception>
    public StageModel Build()
    {
        if (_fallback is not { } fallback)
        {
            throw new InvalidOperationException($"Model '{Name}' has no fallback stage: call Otherwise(stage, description).");
        }

        var rules = new StageRule[_rules.Count];
        for (int i = 0; i < rules.Length; i++)
        {
            (Stage stage, StagePredicate predicate, string description, string[] from) = _rules[i];
            var fromStages = new Stage[from.Length];
            for (int f = 0; f < from.Length; f++)
            {
                fromStages[f] = new Stage(from[f]);
                if (!_stages.Contains(fromStages[f]))
                {
                    throw new InvalidOperationException($"Rule {i + 1} of model '{Name}' ('{description}') requires the current stage '{from[f]}', which is not a stage of the model.");
                }
            }

            rules[i] = new StageRule(i, stage, predicate, description, fromStages);
        }

        var fallbackRule = new StageRule(rules.Length, fallback.Stage, null, fallback.Description, []);
        return new StageModel(Name, [.. _stages], [.. _descriptions], rules, fallbackRule);
    }

    internal void AddRule(Stage stage, StagePredicate predicate, string description, IEnumerable<string>? fromStages)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        string[] from = fromStages is null ? [] : [.. fromStages];
        if (fromStages is not null && from.Length == 0)
        {
            throw new ArgumentException("At least one current stage is needed.", nameof(fromStages));
        }

        foreach (string f in from)
        {
            if (!Loyalty.Stage.IsValidName(f))
            {
                throw new ArgumentException($"'{f}' is not a valid stage name.", nameof(fromStages));
            }
        }

        _rules.Add((stage, predicate, description, from));
    }
}
