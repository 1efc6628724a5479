namespace RelationshipKit;

/// <summary>A store that holds personal data about customers and can erase one customer's (right to be forgotten).</summary>
/// <remarks>Implementations are thread-safe.</remarks>
public interface IPersonalDataStore
{
    /// <summary>
    /// Erases everything the store holds about <paramref name="customerId"/>, from every table, file and cache it
    /// owns. What is kept afterwards holds no personal data (for example a one-way digest of erased idempotency keys,
    /// so that a replay cannot bring the data back). Erasing a customer the store does not know is not an error.
    /// </summary>
    /// <param name="customerId">The customer to forget.</param>
    /// <param name="cancellationToken">Cancels before the erasure starts; an erasure under way completes.</param>
    /// <returns>What was erased.</returns>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default value.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the erasure started.</exception>
    ValueTask<ErasureResult> EraseAsync(CustomerId customerId, CancellationToken cancellationToken = default);
}
