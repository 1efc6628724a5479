namespace RelationshipKit.Interactions;

/// <summary>The result of appending a batch of interactions, one outcome per input position.</summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class AppendBatchResult
{
    private readonly AppendOutcome[] _outcomes;

    internal AppendBatchResult(AppendOutcome[] outcomes)
    {
        _outcomes = outcomes;
        foreach (AppendOutcome outcome in outcomes)
        {
            switch (outcome)
            {
                case AppendOutcome.Appended:
                    AppendedCount++;
                    break;
                case AppendOutcome.AlreadyAppended:
                    AlreadyAppendedCount++;
                    break;
                default:
                    ErasedCount++;
                    break;
            }
        }
    }

    /// <summary>The outcome of each interaction, in input order.</summary>
    public IReadOnlyList<AppendOutcome> Outcomes => _outcomes;

    /// <summary>How many interactions were new and stored.</summary>
    public int AppendedCount { get; }

    /// <summary>How many were replays of interactions already stored.</summary>
    public int AlreadyAppendedCount { get; }

    /// <summary>How many were refused because their ids belong to erased data.</summary>
    public int ErasedCount { get; }
}
