using RelationshipKit.Loyalty;

namespace RelationshipKit.Samples.Store;

/// <summary>
/// The shop's stage-transition observer, registered through DI (<c>AddStageTransitionObserver&lt;TransitionCollector&gt;()</c>):
/// collects the transitions the trackers raise (a host would send a welcome, alert a key-account manager, ...).
/// </summary>
internal sealed class TransitionCollector : IStageTransitionObserver
{
    private readonly List<StageTransition> _transitions = [];

    /// <summary>The transitions raised so far, in the order raised.</summary>
    public IReadOnlyList<StageTransition> Transitions
    {
        get
        {
            lock (_transitions)
            {
                return [.. _transitions];
            }
        }
    }

    /// <inheritdoc />
    public ValueTask OnTransitionAsync(StageTransitionArguments arguments, CancellationToken cancellationToken)
    {
        lock (_transitions)
        {
            _transitions.Add(arguments.Transition);
        }

        return ValueTask.CompletedTask;
    }
}
