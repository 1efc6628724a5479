using System.Runtime.CompilerServices;

namespace RelationshipKit.Loyalty;

/// <summary>An <see cref="IStageHistoryStore"/> in memory, for tests, samples and hosts that rebuild history on start.</summary>
/// <remarks>All members are thread-safe; writes are serialised by a lock.</remarks>
public sealed class InMemoryStageHistoryStore : IStageHistoryStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Model, CustomerId Customer), List<StageTransition>> _histories = [];
    private readonly List<(string Model, CustomerId Customer)> _order = [];

    /// <summary>The number of transitions stored, over all customers and models.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                int count = 0;
                foreach (List<StageTransition> list in _histories.Values)
                {
                    count += list.Count;
                }

                return count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> AppendAsync(StageTransition transition, CancellationToken cancellationToken = default)
    {
        StageHistoryRules.CheckTransition(transition);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var key = (transition.ModelName, transition.CustomerId);
            if (!_histories.TryGetValue(key, out List<StageTransition>? list))
            {
                list = [];
                _histories.Add(key, list);
                _order.Add(key);
            }

            foreach (StageTransition stored in list)
            {
                if (stored.HasSameKey(transition))
                {
                    return stored.Previous == transition.Previous && stored.Next == transition.Next
                        ? new ValueTask<bool>(false)
                        : throw new StageHistoryConflictException(stored, transition);
                }
            }

            int at = list.Count;
            while (at > 0 && list[at - 1].At.UtcTicks > transition.At.UtcTicks)
            {
                at--;
            }

            list.Insert(at, transition);
            return new ValueTask<bool>(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StageTransition>> ReadAsync(CustomerId customerId, string modelName, CancellationToken cancellationToken = default)
    {
        StageHistoryRules.CheckCustomer(customerId);
        StageHistoryRules.CheckModel(modelName);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return new ValueTask<IReadOnlyList<StageTransition>>(
                _histories.TryGetValue((modelName, customerId), out List<StageTransition>? list) ? [.. list] : []);
        }
    }

    /// <inheritdoc />
    public ValueTask<CurrentStage?> GetCurrentAsync(CustomerId customerId, string modelName, CancellationToken cancellationToken = default)
    {
        StageHistoryRules.CheckCustomer(customerId);
        StageHistoryRules.CheckModel(modelName);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return new ValueTask<CurrentStage?>(
                _histories.TryGetValue((modelName, customerId), out List<StageTransition>? list) && list.Count > 0
                    ? CurrentStage.From(list[^1])
                    : null);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StageTransition> ReadAllAsync(string modelName, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        StageHistoryRules.CheckModel(modelName);
        List<StageTransition> all = [];
        lock (_gate)
        {
            foreach ((string Model, CustomerId Customer) key in _order)
            {
                if (string.Equals(key.Model, modelName, StringComparison.Ordinal) && _histories.TryGetValue(key, out List<StageTransition>? list))
                {
                    all.AddRange(list);
                }
            }
        }

        foreach (StageTransition transition in all)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return transition;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<ErasureResult> EraseAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        StageHistoryRules.CheckCustomer(customerId);
        cancellationToken.ThrowIfCancellationRequested();
        long erased = 0;
        lock (_gate)
        {
            for (int i = _order.Count - 1; i >= 0; i--)
            {
                if (_order[i].Customer == customerId)
                {
                    erased += _histories[_order[i]].Count;
                    _histories.Remove(_order[i]);
                    _order.RemoveAt(i);
                }
            }
        }

        return new ValueTask<ErasureResult>(new ErasureResult(customerId, erased, true));
    }
}
