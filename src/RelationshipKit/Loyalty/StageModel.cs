using System.Text;

namespace RelationshipKit.Loyalty;

/// <summary>
/// A set of stages and ordered, guarded rules that assign one of them to a customer: the first rule whose guard holds
/// decides, and the fallback rule applies when none does. Assignment is a pure function of the customer's
/// <see cref="LoyaltyState"/> and the <see cref="StageContext"/> (time and current stage); the caller stores the stage
/// (as in the Stateless library), for example through a <see cref="StageTracker"/>.
/// </summary>
/// <remarks>
/// <para>Build one with <see cref="StageModelBuilder"/>; the loyalty ladder (<see cref="LoyaltyLadder"/>) and the
/// lifecycle (<see cref="CustomerLifecycle"/>) are built the same way. Assigning one customer evaluates at most every
/// rule once and allocates nothing; <see cref="Assign(ReadOnlySpan{LoyaltyState}, DateTimeOffset, Span{StageAssignment})"/>
/// re-stages a population over spans.</para>
/// <para>Immutable and thread-safe, provided the guards are pure (as they must be).</para>
/// </remarks>
public sealed class StageModel
{
    private readonly Stage[] _stages;
    private readonly string?[] _stageDescriptions;
    private readonly StageRule[] _rules;
    private readonly StageRule _fallback;

    internal StageModel(string name, Stage[] stages, string?[] stageDescriptions, StageRule[] rules, StageRule fallback)
    {
        Name = name;
        _stages = stages;
        _stageDescriptions = stageDescriptions;
        _rules = rules;
        _fallback = fallback;
    }

    /// <summary>The model's name (the key it is registered under, and the model of every transition it produces).</summary>
    public string Name { get; }

    /// <summary>The stages, in declaration order.</summary>
    public IReadOnlyList<Stage> Stages => _stages;

    /// <summary>The rules in evaluation order, the fallback rule last.</summary>
    public IReadOnlyList<StageRule> Rules => [.. _rules, _fallback];

    /// <summary>The rule that applies when no other does.</summary>
    public StageRule Fallback => _fallback;

    /// <summary>Tells whether the model has a stage.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns><see langword="true"/> when the stage is one of <see cref="Stages"/>.</returns>
    public bool Contains(Stage stage) => Array.IndexOf(_stages, stage) >= 0;

    /// <summary>The description of a stage, if one was given.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>The description, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="stage"/> is not a stage of the model.</exception>
    public string? GetDescription(Stage stage)
    {
        int i = Array.IndexOf(_stages, stage);
        return i >= 0 ? _stageDescriptions[i] : throw new ArgumentException($"'{stage}' is not a stage of model '{Name}'.", nameof(stage));
    }

    /// <summary>Assigns the stage of one customer.</summary>
    /// <param name="state">The customer's state.</param>
    /// <param name="context">The time and the customer's current stage.</param>
    /// <returns>The stage and the rule that decided it.</returns>
    /// <exception cref="ArgumentException"><paramref name="state"/> or <paramref name="context"/> is the default value.</exception>
    public StageAssignment Assign(in LoyaltyState state, in StageContext context)
    {
        if (state.CustomerId.IsEmpty)
        {
            throw new ArgumentException("The state is the default value (no customer).", nameof(state));
        }

        if (context.AsOf == default)
        {
            throw new ArgumentException("The context is the default value (no time).", nameof(context));
        }

        return new StageAssignment(state.CustomerId, Evaluate(in state, in context), context.AsOf);
    }

    /// <summary>Assigns the stage of one customer who has no stored stage.</summary>
    /// <param name="state">The customer's state.</param>
    /// <param name="asOf">The time.</param>
    /// <returns>The stage and the rule that decided it.</returns>
    /// <exception cref="ArgumentException"><paramref name="state"/> or <paramref name="asOf"/> is the default value.</exception>
    public StageAssignment Assign(in LoyaltyState state, DateTimeOffset asOf)
    {
        var context = new StageContext(asOf);
        return Assign(in state, in context);
    }

    /// <summary>Re-stages a population at one time, none of whom has a stored stage (or whose rules ignore it), with no allocation.</summary>
    /// <param name="states">The customers' states.</param>
    /// <param name="asOf">The time.</param>
    /// <param name="assignments">Receives one assignment per state, in the same order; at least as long as <paramref name="states"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="asOf"/> is the default value, <paramref name="assignments"/> is too short, or a state is the default value.</exception>
    public void Assign(ReadOnlySpan<LoyaltyState> states, DateTimeOffset asOf, Span<StageAssignment> assignments)
    {
        if (assignments.Length < states.Length)
        {
            throw new ArgumentException($"The destination holds {assignments.Length} assignments; {states.Length} are needed.", nameof(assignments));
        }

        var context = new StageContext(asOf);
        for (int i = 0; i < states.Length; i++)
        {
            ref readonly LoyaltyState state = ref states[i];
            if (state.CustomerId.IsEmpty)
            {
                throw new ArgumentException($"State {i} is the default value (no customer).", nameof(states));
            }

            assignments[i] = new StageAssignment(state.CustomerId, Evaluate(in state, in context), asOf);
        }
    }

    /// <summary>Re-stages a population, each customer with their own context (time and stored stage), with no allocation.</summary>
    /// <param name="states">The customers' states.</param>
    /// <param name="contexts">One context per state, in the same order.</param>
    /// <param name="assignments">Receives one assignment per state; at least as long as <paramref name="states"/>.</param>
    /// <exception cref="ArgumentException">The spans differ in length or the destination is too short, or a state or context is the default value.</exception>
    public void Assign(ReadOnlySpan<LoyaltyState> states, ReadOnlySpan<StageContext> contexts, Span<StageAssignment> assignments)
    {
        if (contexts.Length != states.Length)
        {
            throw new ArgumentException($"{contexts.Length} contexts were given for {states.Length} states.", nameof(contexts));
        }

        if (assignments.Length < states.Length)
        {
            throw new ArgumentException($"The destination holds {assignments.Length} assignments; {states.Length} are needed.", nameof(assignments));
        }

        for (int i = 0; i < states.Length; i++)
        {
            ref readonly LoyaltyState state = ref states[i];
            ref readonly StageContext context = ref contexts[i];
            if (state.CustomerId.IsEmpty)
            {
                throw new ArgumentException($"State {i} is the default value (no customer).", nameof(states));
            }

            if (context.AsOf == default)
            {
                throw new ArgumentException($"Context {i} is the default value (no time).", nameof(contexts));
            }

            assignments[i] = new StageAssignment(state.CustomerId, Evaluate(in state, in context), context.AsOf);
        }
    }

    /// <summary>
    /// Draws the model as a Mermaid <c>stateDiagram-v2</c>: every stage (with its description), a choice node that
    /// stands for the ordered evaluation, an edge from it to the stage of every rule that applies from any stage, an
    /// edge from each required current stage for rules that need one, each labelled with its position and description.
    /// </summary>
    /// <returns>The diagram text, lines separated by <c>\n</c>.</returns>
    /// <remarks>Characters that Mermaid reads as syntax in labels (<c>: ; # &lt; &gt;</c>, line breaks) are written as Mermaid entity codes.</remarks>
    public string ToMermaid()
    {
        const string Choice = "rk_assign";
        var text = new StringBuilder();
        text.Append("stateDiagram-v2\n");
        text.Append("    %% ").Append(Label(Name)).Append(": rules in order, the first that holds assigns the stage\n");
        for (int i = 0; i < _stages.Length; i++)
        {
            text.Append("    ").Append(_stages[i].Name);
            if (_stageDescriptions[i] is { } description)
            {
                text.Append(" : ").Append(Label(description));
            }

            text.Append('\n');
        }

        text.Append("    state ").Append(Choice).Append(" <<choice>>\n");
        text.Append("    [*] --> ").Append(Choice).Append('\n');
        foreach (StageRule rule in _rules)
        {
            string label = $"{rule.Index + 1}. {Label(rule.Description)}";
            if (rule.FromStages.Count == 0)
            {
                text.Append("    ").Append(Choice).Append(" --> ").Append(rule.Stage.Name).Append(" : ").Append(label).Append('\n');
            }
            else
            {
                foreach (Stage from in rule.FromStages)
                {
                    text.Append("    ").Append(from.Name).Append(" --> ").Append(rule.Stage.Name).Append(" : ").Append(label).Append('\n');
                }
            }
        }

        text.Append("    ").Append(Choice).Append(" --> ").Append(_fallback.Stage.Name).Append(" : otherwise. ").Append(Label(_fallback.Description)).Append('\n');
        return text.ToString();
    }

    /// <summary>Returns the name and the number of stages and rules.</summary>
    /// <returns>Text for people.</returns>
    public override string ToString() => $"{Name}: {_stages.Length} stages, {_rules.Length + 1} rules";

    private static string Label(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            _ = c switch
            {
                ':' => builder.Append("#58;"),
                ';' => builder.Append("#59;"),
                '#' => builder.Append("#35;"),
                '<' => builder.Append("#60;"),
                '>' => builder.Append("#62;"),
                '\r' or '\n' or '\t' => builder.Append(' '),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    private StageRule Evaluate(in LoyaltyState state, in StageContext context)
    {
        StageRule[] rules = _rules;
        for (int r = 0; r < rules.Length; r++)
        {
            if (rules[r].Applies(in state, in context))
            {
                return rules[r];
            }
        }

        return _fallback;
    }
}
