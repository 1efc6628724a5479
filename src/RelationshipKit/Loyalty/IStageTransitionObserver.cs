namespace RelationshipKit.Loyalty;

/// <summary>
/// Acts on stage transitions (send a welcome, open a win-back case, alert an account manager). Register it through
/// DI (<c>AddStageTransitionObserver</c>) or pass it to a <see cref="StageTracker"/>.
/// </summary>
/// <remarks>
/// A tracker calls every observer once per transition it stores (a replayed or concurrent duplicate is not stored
/// again and raises nothing), after the transition is stored. Observers must be thread-safe.
/// </remarks>
public interface IStageTransitionObserver
{
    /// <summary>Called after a transition is stored.</summary>
    /// <param name="arguments">The transition and the assignment that caused it.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the observer is done.</returns>
    ValueTask OnTransitionAsync(StageTransitionArguments arguments, CancellationToken cancellationToken);
}
