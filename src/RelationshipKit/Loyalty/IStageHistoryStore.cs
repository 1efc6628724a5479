namespace RelationshipKit.Loyalty;

/// <summary>
/// Keeps every customer's stage transitions per model: append-only, idempotent, erasable. The current stage of a
/// customer is the stage entered by their latest transition.
/// </summary>
/// <remarks>
/// <para>Contract: <see cref="AppendAsync"/> stores a transition once; a replay (same key, same stages) returns
/// <see langword="false"/> and changes nothing; a different transition under the same key throws
/// <see cref="StageHistoryConflictException"/>. Reads return transitions in time order (ties in append order).
/// <see cref="IPersonalDataStore.EraseAsync"/> removes every transition of the customer in every model.</para>
/// <para>Implementations are thread-safe: <see cref="InMemoryStageHistoryStore"/> and, in RelationshipKit.Sqlite,
/// <c>SqliteStageHistoryStore</c>.</para>
/// </remarks>
public interface IStageHistoryStore : IPersonalDataStore
{
    /// <summary>Stores a transition.</summary>
    /// <param name="transition">The transition; not the default value.</param>
    /// <param name="cancellationToken">Cancels before the write.</param>
    /// <returns><see langword="true"/> when stored; <see langword="false"/> for a replay of a stored transition.</returns>
    /// <exception cref="ArgumentException"><paramref name="transition"/> is the default value.</exception>
    /// <exception cref="StageHistoryConflictException">A different transition is stored under the same key.</exception>
    ValueTask<bool> AppendAsync(StageTransition transition, CancellationToken cancellationToken = default);

    /// <summary>Reads a customer's transitions in one model, in time order.</summary>
    /// <param name="customerId">The customer; not the default value.</param>
    /// <param name="modelName">The model's name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The transitions; empty when none.</returns>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default value or <paramref name="modelName"/> is not a valid name.</exception>
    ValueTask<IReadOnlyList<StageTransition>> ReadAsync(CustomerId customerId, string modelName, CancellationToken cancellationToken = default);

    /// <summary>Reads a customer's current stage in one model.</summary>
    /// <param name="customerId">The customer; not the default value.</param>
    /// <param name="modelName">The model's name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The stage entered by the latest transition, or <see langword="null"/> when the customer has none.</returns>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default value or <paramref name="modelName"/> is not a valid name.</exception>
    ValueTask<CurrentStage?> GetCurrentAsync(CustomerId customerId, string modelName, CancellationToken cancellationToken = default);

    /// <summary>Reads every transition of one model, customer by customer, each customer's in time order.</summary>
    /// <param name="modelName">The model's name.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The transitions.</returns>
    /// <exception cref="ArgumentException"><paramref name="modelName"/> is not a valid name.</exception>
    IAsyncEnumerable<StageTransition> ReadAllAsync(string modelName, CancellationToken cancellationToken = default);
}
