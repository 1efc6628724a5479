namespace RelationshipKit.Loyalty;

/// <summary>
/// Follows customers through one <see cref="StageModel"/>: compares a new assignment with the stored current stage,
/// stores the transition in an <see cref="IStageHistoryStore"/>, tells the observers, and replays histories.
/// </summary>
/// <remarks>
/// <para>Tracking one customer is serialised per customer (striped locks), so two concurrent calls for one customer
/// cannot both store a transition from the same stage. Observers are called once per stored transition, in
/// registration order, after it is stored; if any throws, the others are still called and the exceptions are
/// rethrown together as an <see cref="AggregateException"/> (the transition stays stored).</para>
/// <para>All members are thread-safe.</para>
/// </remarks>
public sealed class StageTracker
{
    private const int Stripes = 64;
    private readonly IStageHistoryStore _store;
    private readonly IStageTransitionObserver[] _observers;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim[] _locks;

    /// <summary>Creates a tracker.</summary>
    /// <param name="model">The stage model.</param>
    /// <param name="store">Where transitions are kept.</param>
    /// <param name="observers">Who is told about transitions; none when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for "now" when no time is given; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="store"/> is <see langword="null"/>, or an observer is.</exception>
    public StageTracker(StageModel model, IStageHistoryStore store, IEnumerable<IStageTransitionObserver>? observers = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(store);
        Model = model;
        _store = store;
        _observers = observers is null ? [] : [.. observers];
        foreach (IStageTransitionObserver observer in _observers)
        {
            ArgumentNullException.ThrowIfNull(observer, nameof(observers));
        }

        _timeProvider = timeProvider ?? TimeProvider.System;
        _locks = new SemaphoreSlim[Stripes];
        for (int i = 0; i < Stripes; i++)
        {
            _locks[i] = new SemaphoreSlim(1, 1);
        }
    }

    /// <summary>The stage model.</summary>
    public StageModel Model { get; }

    /// <summary>
    /// Compares an assignment with a current stage without storing anything: a pure function of its inputs.
    /// </summary>
    /// <param name="state">The customer's state.</param>
    /// <param name="current">The customer's current stage, or <see langword="null"/> when they have none.</param>
    /// <param name="asOf">The time.</param>
    /// <returns>The assignment and, when the stage changes, the transition (<see cref="StageTrackingResult.Stored"/> is <see langword="false"/>).</returns>
    /// <exception cref="ArgumentException"><paramref name="state"/> or <paramref name="asOf"/> is the default value.</exception>
    public StageTrackingResult Compare(in LoyaltyState state, CurrentStage? current, DateTimeOffset asOf)
    {
        var context = current is { } c ? new StageContext(asOf, c.Stage, c.Since) : new StageContext(asOf);
        StageAssignment assignment = Model.Assign(in state, in context);
        if (current is { } now && now.Stage == assignment.Stage)
        {
            return new StageTrackingResult(assignment, null, false);
        }

        var transition = new StageTransition(Model.Name, state.CustomerId, current?.Stage ?? default, assignment.Stage, asOf, assignment.Reason);
        return new StageTrackingResult(assignment, transition, false);
    }

    /// <summary>
    /// Assigns the customer's stage, and when it differs from the stored one stores the transition and tells the observers.
    /// </summary>
    /// <param name="state">The customer's state.</param>
    /// <param name="asOf">The time; "now" from the time provider when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the reads and writes.</param>
    /// <returns>The assignment and the transition, if any.</returns>
    /// <exception cref="ArgumentException"><paramref name="state"/> is the default value.</exception>
    /// <exception cref="AggregateException">One or more observers threw (the transition is stored).</exception>
    public async ValueTask<StageTrackingResult> TrackAsync(LoyaltyState state, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        if (state.CustomerId.IsEmpty)
        {
            throw new ArgumentException("The state is the default value (no customer).", nameof(state));
        }

        DateTimeOffset when = asOf ?? _timeProvider.GetUtcNow();
        SemaphoreSlim gate = _locks[(state.CustomerId.GetHashCode() & int.MaxValue) % Stripes];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        StageTrackingResult result;
        try
        {
            CurrentStage? current = await _store.GetCurrentAsync(state.CustomerId, Model.Name, cancellationToken).ConfigureAwait(false);
            result = Compare(in state, current, when);
            if (result.Transition is not { } transition)
            {
                return result;
            }

            bool stored = await _store.AppendAsync(transition, cancellationToken).ConfigureAwait(false);
            result = result with { Stored = stored };
        }
        finally
        {
            gate.Release();
        }

        if (result.Stored)
        {
            await NotifyAsync(new StageTransitionArguments(result.Transition!.Value, result.Assignment), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// Replays transitions into the store (for example a history exported from another store, or a log after a
    /// restore): each is stored unless already there. Observers are not called: a replay restores history, it does not
    /// make it happen again.
    /// </summary>
    /// <param name="transitions">The transitions, any order; all of this tracker's model.</param>
    /// <param name="cancellationToken">Cancels between transitions.</param>
    /// <returns>How many were newly stored (0 for a second replay of the same history).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transitions"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A transition belongs to another model or is the default value.</exception>
    /// <exception cref="StageHistoryConflictException">A transition conflicts with a stored one.</exception>
    public async ValueTask<int> ReplayAsync(IEnumerable<StageTransition> transitions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        int stored = 0;
        foreach (StageTransition transition in transitions)
        {
            if (!string.Equals(transition.ModelName, Model.Name, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Transition {transition} belongs to model '{transition.ModelName}', not '{Model.Name}'.", nameof(transitions));
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (await _store.AppendAsync(transition, cancellationToken).ConfigureAwait(false))
            {
                stored++;
            }
        }

        return stored;
    }

    /// <summary>Rebuilds every customer's current stage in one model from a history: the stage entered by each customer's latest transition.</summary>
    /// <param name="transitions">The history, any order; transitions of other models are skipped.</param>
    /// <param name="modelName">The model's name.</param>
    /// <returns>The current stage per customer.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="modelName"/> is not a valid name.</exception>
    public static IReadOnlyDictionary<CustomerId, CurrentStage> Rebuild(IEnumerable<StageTransition> transitions, string modelName)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        StageHistoryRules.CheckModel(modelName);
        var current = new Dictionary<CustomerId, CurrentStage>();
        foreach (StageTransition t in transitions)
        {
            if (!string.Equals(t.ModelName, modelName, StringComparison.Ordinal))
            {
                continue;
            }

            if (!current.TryGetValue(t.CustomerId, out CurrentStage now) || t.At.UtcTicks >= now.Since.UtcTicks)
            {
                current[t.CustomerId] = CurrentStage.From(t);
            }
        }

        return current;
    }

    /// <summary>Rebuilds every customer's current stage in this tracker's model from its store.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The current stage per customer.</returns>
    public async ValueTask<IReadOnlyDictionary<CustomerId, CurrentStage>> RebuildAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<StageTransition>();
        await foreach (StageTransition t in _store.ReadAllAsync(Model.Name, cancellationToken).ConfigureAwait(false))
        {
            all.Add(t);
        }

        return Rebuild(all, Model.Name);
    }

    private async ValueTask NotifyAsync(StageTransitionArguments arguments, CancellationToken cancellationToken)
    {
        List<Exception>? errors = null;
        foreach (IStageTransitionObserver observer in _observers)
        {
            try
            {
                await observer.OnTransitionAsync(arguments, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // every observer is called; the failures are rethrown together below
            catch (Exception ex)
#pragma warning restore CA1031
            {
                (errors ??= []).Add(ex);
            }
        }

        if (errors is not null)
        {
            throw new AggregateException($"{errors.Count} stage transition observer(s) failed for {arguments.Transition}.", errors);
        }
    }
}
