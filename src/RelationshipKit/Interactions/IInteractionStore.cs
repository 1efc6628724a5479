namespace RelationshipKit.Interactions;

/// <summary>
/// The append-only, idempotent history of interactions, one stream per customer.
/// </summary>
/// <remarks>
/// <para><b>Idempotency.</b> Each interaction carries its idempotency key (<see cref="Interaction.Id"/>, unique
/// across customers). Appending an interaction whose id is stored with the same content returns
/// <see cref="AppendOutcome.AlreadyAppended"/>; with different content it throws
/// <see cref="InteractionConflictException"/> (never a silent drop); an id that belonged to erased data returns
/// <see cref="AppendOutcome.Erased"/> and stores nothing.</para>
/// <para><b>Versions and order.</b> A customer's version is the number of interactions stored for them: 0 before the
/// first, then 1, 2, ... in append order (a replay does not change it; an erasure resets it to 0). An expected
/// version gives optimistic concurrency: the append is refused when another writer appended first. A replay is
/// recognised before the version is checked, so retrying a successful append is safe. Reads of one customer return
/// interactions in append order (version order), whatever their <see cref="Interaction.OccurredAt"/>; reads of all
/// customers return customers in the order of their first append, each in append order.</para>
/// <para><b>Atomicity.</b> A batch is checked in full (fields, rules, conflicts, versions) before anything is stored,
/// and is then stored entirely or not at all. When a call returns, what it appended is durable to the extent the
/// implementation promises (memory or disk).</para>
/// <para><b>Erasure.</b> <see cref="IPersonalDataStore.EraseAsync"/> removes the customer's interactions, stream and
/// derived features from the store and its caches, keeping only a one-way digest of the erased ids.</para>
/// <para>Implementations are thread-safe; every member may be called concurrently.</para>
/// </remarks>
public interface IInteractionStore : IPersonalDataStore
{
    /// <summary>Appends one interaction.</summary>
    /// <param name="interaction">The interaction.</param>
    /// <param name="expectedVersion">The customer's version the caller expects before this append, or <see langword="null"/> for any.</param>
    /// <param name="cancellationToken">Cancels before the append is stored.</param>
    /// <returns>The outcome and the customer's version afterwards.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="interaction"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is negative.</exception>
    /// <exception cref="InvalidInteractionException">The interaction breaks a rule of <see cref="InteractionOptions"/> (future date, unknown kind); the field is named.</exception>
    /// <exception cref="InteractionConflictException">The id is stored with different content, or the version is not the expected one; nothing was stored.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the append was stored.</exception>
    ValueTask<AppendResult> AppendAsync(Interaction interaction, long? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Appends a batch of interactions (any customers) atomically: all are stored or none.</summary>
    /// <param name="interactions">The interactions, in the order they are to be stored; an id may repeat (a replay within the batch).</param>
    /// <param name="expectedVersions">Per customer, the version expected before the batch; checked only for customers the batch appends to. <see langword="null"/> for no checks.</param>
    /// <param name="cancellationToken">Cancels before the batch is stored.</param>
    /// <returns>One outcome per interaction.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="interactions"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An expected version is negative.</exception>
    /// <exception cref="InvalidInteractionException">An interaction is null or breaks a rule; <see cref="InvalidInteractionException.Index"/> gives its position. Nothing was stored.</exception>
    /// <exception cref="InteractionConflictException">One or more interactions conflict; all are listed. Nothing was stored.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the batch was stored.</exception>
    ValueTask<AppendBatchResult> AppendBatchAsync(
        IReadOnlyList<Interaction> interactions,
        IReadOnlyDictionary<CustomerId, long>? expectedVersions = null,
        CancellationToken cancellationToken = default);

    /// <summary>Gets a customer's version: the number of interactions stored for them (0 when none).</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The version.</returns>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default value.</exception>
    ValueTask<long> GetVersionAsync(CustomerId customerId, CancellationToken cancellationToken = default);

    /// <summary>Finds a stored interaction by its id.</summary>
    /// <param name="interactionId">The id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The interaction, or <see langword="null"/> when no interaction with that id is stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="interactionId"/> is <see langword="null"/>.</exception>
    ValueTask<Interaction?> FindAsync(string interactionId, CancellationToken cancellationToken = default);

    /// <summary>Streams one customer's interactions in append order, filtered by <paramref name="query"/>.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="query">The filter; the default value matches everything.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The matching interactions, read lazily.</returns>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default value, or the query is malformed (From after To).</exception>
    IAsyncEnumerable<Interaction> ReadAsync(CustomerId customerId, InteractionQuery query = default, CancellationToken cancellationToken = default);

    /// <summary>Streams every customer's interactions (customers in order of first append, each in append order), filtered by <paramref name="query"/>.</summary>
    /// <param name="query">The filter; the default value matches everything.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The matching interactions, read lazily.</returns>
    /// <exception cref="ArgumentException">The query is malformed (From after To).</exception>
    IAsyncEnumerable<Interaction> ReadAllAsync(InteractionQuery query = default, CancellationToken cancellationToken = default);

    /// <summary>Reads the last <paramref name="count"/> interactions appended for a customer, oldest first.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="count">How many at most; 1 or more.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Up to <paramref name="count"/> interactions in append order (fewer when the customer has fewer).</returns>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    ValueTask<IReadOnlyList<Interaction>> ReadLastAsync(CustomerId customerId, int count, CancellationToken cancellationToken = default);

    /// <summary>Gets the engagement features derived from a customer's whole stored history.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The features; all counts are zero for a customer with no interactions.</returns>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is the default value.</exception>
    ValueTask<EngagementFeatures> GetEngagementAsync(CustomerId customerId, CancellationToken cancellationToken = default);
}
