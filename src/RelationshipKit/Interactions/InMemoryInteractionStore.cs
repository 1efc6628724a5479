using System.Buffers;
using RelationshipKit.Internal;

namespace RelationshipKit.Interactions;

/// <summary>
/// The default <see cref="IInteractionStore"/>: every interaction in memory, engagement features derived from them.
/// Nothing survives the process; use a durable store (such as the SQLite one in <c>RelationshipKit.Sqlite</c>) for
/// history that must.
/// </summary>
/// <remarks>
/// <para>An append costs a probe of the id index and of the customer index (open addressing, one array each), an
/// array append, and an O(1) update of the customer's engagement once it has been read, under one lock; reads copy
/// references under the lock and enumerate outside it. <see cref="IInteractionStore.ReadLastAsync"/> is O(count).
/// A batch takes the lock once and does the same work in passes of independent memory reads, which makes it cheaper
/// per interaction than single appends.</para>
/// <para>A customer's engagement is folded from their stored interactions by the first
/// <see cref="GetEngagementAsync"/> for them (O(their history), once) and kept up to date by every append after
/// that; appends to customers whose engagement nobody reads do not pay for it. The features returned are the same
/// either way.</para>
/// <para>Erasure drops the customer's interactions, stream and features and keeps a digest of each erased id.</para>
/// <para>All members are thread-safe; writers are serialised by a lock.</para>
/// </remarks>
public sealed class InMemoryInteractionStore : IInteractionStore
{
    private readonly Lock _gate = new();
    private readonly InteractionRules _rules;
    private readonly OpenHashIndex<string, Interaction, IdKey> _ids = new();
    private readonly OpenHashIndex<CustomerId, CustomerStream, CustomerKey> _streams = new();
    private readonly List<CustomerStream> _order = [];
    private readonly ErasedKeySet _erased = new();
    private long _count;

    /// <summary>Creates an empty store.</summary>
    /// <param name="options">The rules for interactions (copied); defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock that defines "now" for future-dated input; the system clock when <see langword="null"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names the option.</exception>
    public InMemoryInteractionStore(InteractionOptions? options = null, TimeProvider? timeProvider = null)
    {
        _rules = new InteractionRules(options ?? new InteractionOptions(), timeProvider ?? TimeProvider.System);
    }

    /// <summary>How many interactions are stored.</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>How many customers have at least one stored interaction.</summary>
    public int CustomerCount
    {
        get
        {
            lock (_gate)
            {
                return _streams.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<AppendResult> AppendAsync(Interaction interaction, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (expectedVersion is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(expectedVersion), expectedVersion, "An expected version is zero or more.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        _rules.Check(interaction, -1, _rules.LatestUtcTicks(interaction.OccurredAt.UtcTicks));
        int hash = HashOf(interaction.Id);
        int customerHash = interaction.CustomerId.GetHashCode();
        lock (_gate)
        {
            int slot = _ids.FindSlot(interaction.Id, hash);
            if (slot >= 0)
            {
                Interaction existing = _ids.At(slot);
                if (existing.Equals(interaction))
                {
                    return new ValueTask<AppendResult>(new AppendResult(AppendOutcome.AlreadyAppended, VersionOf(interaction.CustomerId)));
                }

                throw new InteractionConflictException(
                    [new InteractionConflict(0, interaction.Id, interaction.CustomerId, InteractionConflictReason.DifferentContent, null, VersionOf(existing.CustomerId))]);
            }

            if (_erased.Count != 0 && _erased.Contains(interaction.Id))
            {
                return new ValueTask<AppendResult>(new AppendResult(AppendOutcome.Erased, VersionOf(interaction.CustomerId)));
            }

            int streamSlot = _streams.FindSlot(interaction.CustomerId, customerHash);
            CustomerStream? stream = streamSlot >= 0 ? _streams.At(streamSlot) : null;
            if (expectedVersion is { } expected && expected != (stream?.Count ?? 0))
            {
                throw VersionConflict(interaction, expected, stream?.Count ?? 0);
            }

            if (stream is null)
            {
                stream = new CustomerStream(interaction.CustomerId);
                _streams.Fill(streamSlot, customerHash, stream);
                _order.Add(stream);
            }

            _ids.Fill(slot, hash, interaction);
            stream.Add(interaction);
            _count++;
            return new ValueTask<AppendResult>(new AppendResult(AppendOutcome.Appended, stream.Count));
        }
    }

    /// <inheritdoc />
    public ValueTask<AppendBatchResult> AppendBatchAsync(
        IReadOnlyList<Interaction> interactions,
        IReadOnlyDictionary<CustomerId, long>? expectedVersions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        CheckExpectedVersions(expectedVersions);
        cancellationToken.ThrowIfCancellationRequested();
        int n = interactions.Count;
        if (n == 0)
        {
            return new ValueTask<AppendBatchResult>(new AppendBatchResult([]));
        }

        // The list is read once, into a pooled array: what is checked is what is stored, and the passes below index
        // an array rather than an interface. The hashes (of ids, then of customers) are computed outside the lock.
        Interaction[] items = ArrayPool<Interaction>.Shared.Rent(n);
        CustomerStream[] streams = ArrayPool<CustomerStream>.Shared.Rent(n);
        int[] hashes = ArrayPool<int>.Shared.Rent(2 * n);
        try
        {
            for (int i = 0; i < n; i++)
            {
                items[i] = interactions[i];
            }

            _rules.CheckAll(items.AsSpan(0, n));
            for (int i = 0; i < n; i++)
            {
                hashes[i] = HashOf(items[i].Id);
                hashes[n + i] = items[i].CustomerId.GetHashCode();
            }

            var outcomes = new AppendOutcome[n];
            lock (_gate)
            {
                AppendBatchLocked(items.AsSpan(0, n), hashes.AsSpan(0, n), hashes.AsSpan(n, n), streams, outcomes, expectedVersions);
            }

            return new ValueTask<AppendBatchResult>(new AppendBatchResult(outcomes));
        }
        finally
        {
            ArrayPool<Interaction>.Shared.Return(items, clearArray: true);
            ArrayPool<CustomerStream>.Shared.Return(streams, clearArray: true);
            ArrayPool<int>.Shared.Return(hashes);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> GetVersionAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        CheckCustomer(customerId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return new ValueTask<long>(VersionOf(customerId));
        }
    }

    /// <inheritdoc />
    public ValueTask<Interaction?> FindAsync(string interactionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interactionId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return new ValueTask<Interaction?>(_ids.Find(interactionId, HashOf(interactionId)));
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Interaction> ReadAsync(CustomerId customerId, InteractionQuery query = default, CancellationToken cancellationToken = default)
    {
        CheckCustomer(customerId);
        query.Validate(nameof(query));
        CustomerStream? stream;
        lock (_gate)
        {
            stream = _streams.Find(customerId, customerId.GetHashCode());
        }

        return AsyncStreams.FromSync(stream is null ? [] : Enumerate(stream, query), cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Interaction> ReadAllAsync(InteractionQuery query = default, CancellationToken cancellationToken = default)
    {
        query.Validate(nameof(query));
        return AsyncStreams.FromSync(EnumerateAll(query), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Interaction>> ReadLastAsync(CustomerId customerId, int count, CancellationToken cancellationToken = default)
    {
        CheckCustomer(customerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            CustomerStream? stream = _streams.Find(customerId, customerId.GetHashCode());
            if (stream is null)
            {
                return new ValueTask<IReadOnlyList<Interaction>>(Array.Empty<Interaction>());
            }

            int n = Math.Min(count, stream.Count);
            var last = new Interaction[n];
            Array.Copy(stream.Items, stream.Count - n, last, 0, n);
            return new ValueTask<IReadOnlyList<Interaction>>(last);
        }
    }

    /// <inheritdoc />
    public ValueTask<EngagementFeatures> GetEngagementAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        CheckCustomer(customerId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            EngagementState state = _streams.Find(customerId, customerId.GetHashCode())?.Engagement() ?? new EngagementState();
            return new ValueTask<EngagementFeatures>(state.ToFeatures(customerId));
        }
    }

    /// <inheritdoc />
    public ValueTask<ErasureResult> EraseAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        CheckCustomer(customerId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            CustomerStream? stream = _streams.Find(customerId, customerId.GetHashCode());
            if (stream is null)
            {
                return new ValueTask<ErasureResult>(new ErasureResult(customerId, 0, storageScrubbed: true));
            }

            _streams.Remove(customerId, customerId.GetHashCode());
            int erased = stream.Count;
            for (int i = 0; i < erased; i++)
            {
                string id = stream.Items[i]!.Id;
                _ids.Remove(id, HashOf(id));
                _erased.Add(id);
            }

            _order.Remove(stream);
            _count -= erased;
            stream.Clear();
            return new ValueTask<ErasureResult>(new ErasureResult(customerId, erased, storageScrubbed: true));
        }
    }

    private static void CheckCustomer(CustomerId customerId)
    {
        if (customerId.IsEmpty)
        {
            throw new ArgumentException("The customer id is the default value.", nameof(customerId));
        }
    }

    private static void CheckExpectedVersions(IReadOnlyDictionary<CustomerId, long>? expectedVersions)
    {
        if (expectedVersions is null)
        {
            return;
        }

        foreach (KeyValuePair<CustomerId, long> pair in expectedVersions)
        {
            if (pair.Value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(expectedVersions), pair.Value, $"The expected version of customer '{pair.Key}' is negative.");
            }
        }
    }

    private static InteractionConflictException VersionConflict(Interaction interaction, long expected, long actual) =>
        new([new InteractionConflict(0, interaction.Id, interaction.CustomerId, InteractionConflictReason.VersionMismatch, expected, actual)]);

    private static IEnumerable<Interaction> Enumerate(CustomerStream stream, InteractionQuery query)
    {
        (Interaction?[] items, int count) = stream.Snapshot();
        for (int i = 0; i < count; i++)
        {
            Interaction? interaction = items[i];
            if (interaction is null)
            {
                yield break; // erased while being read
            }

            if (query.Matches(interaction))
            {
                yield return interaction;
            }
        }
    }

    /// <summary>
    /// The locked part of <see cref="AppendBatchAsync"/>. Pass 1 looks every id up once and enters the new ones in the
    /// id index right away, so that a repeat inside the batch finds its first occurrence; on a conflict (or any
    /// exception) those entries are taken out again before throwing. The index is only read under the lock, so nobody
    /// sees them in between. Pass 2, which cannot fail, finds (or creates) the streams, then appends to them (streams
    /// are read without the lock). Each pass is a loop of independent memory reads that the processor overlaps, and
    /// the index entries are touched ahead of the passes that need them: the batch waits for memory far less than
    /// the same appends one by one.
    /// </summary>
    private void AppendBatchLocked(
        ReadOnlySpan<Interaction> items,
        ReadOnlySpan<int> hashes,
        ReadOnlySpan<int> customerHashes,
        CustomerStream[] streams,
        AppendOutcome[] outcomes,
        IReadOnlyDictionary<CustomerId, long>? expectedVersions)
    {
        _ = _ids.Touch(hashes) ^ _streams.Touch(customerHashes);
        List<InteractionConflict>? conflicts = null;
        HashSet<CustomerId>? checkedCustomers = null;
        int appended = 0;
        int done = 0;
        try
        {
            for (; done < items.Length; done++)
            {
                Interaction interaction = items[done];
                int slot = _ids.FindSlot(interaction.Id, hashes[done]);
                if (slot >= 0)
                {
                    Interaction existing = _ids.At(slot);
                    if (!existing.Equals(interaction))
                    {
                        (conflicts ??= []).Add(new InteractionConflict(
                            done, interaction.Id, interaction.CustomerId, InteractionConflictReason.DifferentContent, null, VersionOf(existing.CustomerId)));
                    }

                    outcomes[done] = AppendOutcome.AlreadyAppended; // a conflict is not entered either: nothing to take back
                    continue;
                }

                if (_erased.Count != 0 && _erased.Contains(interaction.Id))
                {
                    outcomes[done] = AppendOutcome.Erased;
                    continue;
                }

                if (expectedVersions is not null
                    && expectedVersions.TryGetValue(interaction.CustomerId, out long expected)
                    && (checkedCustomers ??= []).Add(interaction.CustomerId))
                {
                    long actual = VersionOf(interaction.CustomerId);
                    if (actual != expected)
                    {
                        (conflicts ??= []).Add(new InteractionConflict(
                            done, interaction.Id, interaction.CustomerId, InteractionConflictReason.VersionMismatch, expected, actual));
                    }
                }

                _ids.Fill(slot, hashes[done], interaction); // the last step of an item: nothing after it throws
                outcomes[done] = AppendOutcome.Appended;
                appended++;
            }
        }
        catch
        {
            // Pass 1 threw (a host's dictionary of expected versions, out of memory) before entering item done:
            // leave the index as it was.
            TakeBack(items, outcomes, done);
            throw;
        }

        if (conflicts is not null)
        {
            TakeBack(items, outcomes, items.Length);
            throw new InteractionConflictException(conflicts);
        }

        if (appended == 0)
        {
            return;
        }

        _count += appended;
        CustomerStream? stream = null;
        int touched = 0;
        for (int i = 0; i < items.Length; i++)
        {
            if (outcomes[i] == AppendOutcome.Appended)
            {
                CustomerId customerId = items[i].CustomerId;
                if (stream is null || stream.CustomerId != customerId)
                {
                    stream = StreamFor(customerId, customerHashes[i]);
                    touched ^= stream.TouchEnd();
                }

                streams[i] = stream;
            }
        }

        for (int i = 0; i < items.Length; i++)
        {
            if (outcomes[i] == AppendOutcome.Appended)
            {
                streams[i].Add(items[i]);
            }
        }

        _ = touched;
    }

    /// <summary>Takes the interactions entered by pass 1 of a batch (positions below <paramref name="end"/>) out of the id index.</summary>
    private void TakeBack(ReadOnlySpan<Interaction> items, AppendOutcome[] outcomes, int end)
    {
        for (int i = 0; i < end; i++)
        {
            if (outcomes[i] == AppendOutcome.Appended)
            {
                _ids.Remove(items[i].Id, HashOf(items[i].Id));
            }
        }
    }

    /// <summary>The customer's stream, created (and put at the end of the order) when the customer is new. Under the lock.</summary>
    private CustomerStream StreamFor(CustomerId customerId, int hash)
    {
        int slot = _streams.FindSlot(customerId, hash);
        if (slot >= 0)
        {
            return _streams.At(slot);
        }

        var stream = new CustomerStream(customerId);
        _streams.Fill(slot, hash, stream);
        _order.Add(stream);
        return stream;
    }

    private static int HashOf(string interactionId) => interactionId.GetHashCode(StringComparison.Ordinal);

    private long VersionOf(CustomerId customerId) => _streams.Find(customerId, customerId.GetHashCode())?.Count ?? 0;

    private IEnumerable<Interaction> EnumerateAll(InteractionQuery query)
    {
        CustomerStream[] streams;
        lock (_gate)
        {
            streams = [.. _order];
        }

        foreach (CustomerStream stream in streams)
        {
            foreach (Interaction interaction in Enumerate(stream, query))
            {
                yield return interaction;
            }
        }
    }

    /// <summary>An interaction's key in the id index: its id.</summary>
    private readonly struct IdKey : IKeyOf<string, Interaction>
    {
        public bool Matches(Interaction value, string key) => string.Equals(value.Id, key, StringComparison.Ordinal);
    }

    /// <summary>A stream's key in the customer index: its customer.</summary>
    private readonly struct CustomerKey : IKeyOf<CustomerId, CustomerStream>
    {
        public bool Matches(CustomerStream value, CustomerId key) => value.CustomerId == key;
    }

    /// <summary>One customer's interactions in append order and their engagement. Written under the store's lock.</summary>
    private sealed class CustomerStream(CustomerId customerId)
    {
        private Interaction?[] _items = new Interaction?[4];
        private volatile int _count;

        public CustomerId CustomerId { get; } = customerId;

        public Interaction?[] Items => _items;

        public int Count => _count;

        private EngagementState? _engagement;

        /// <summary>The engagement of the stream: folded from the stored interactions on first use, then kept up to date by <see cref="Add"/>.</summary>
        public EngagementState Engagement()
        {
            if (_engagement is null)
            {
                var state = new EngagementState();
                for (int i = 0; i < _count; i++)
                {
                    state.Add(_items[i]!);
                }

                _engagement = state;
            }

            return _engagement;
        }

        /// <summary>Reads the slot the next append writes (so that it is in cache by then); returns a value of no meaning.</summary>
        public int TouchEnd()
        {
            Interaction?[] items = _items;
            return items.Length == 0 ? 0 : items[Math.Min(_count, items.Length - 1)] is null ? 0 : 1;
        }

        public void Add(Interaction interaction)
        {
            int count = _count;
            if (count == _items.Length)
            {
                var grown = new Interaction?[count * 2];
                Array.Copy(_items, grown, count);
                _items = grown;
            }

            _items[count] = interaction;
            _count = count + 1;
            _engagement?.Add(interaction);
        }

        /// <summary>The array and count as of now; slots below the count never change (except being cleared by an erasure).</summary>
        public (Interaction?[] Items, int Count) Snapshot()
        {
            int count = _count;
            Interaction?[] items = Volatile.Read(ref _items);
            return (items, Math.Min(count, items.Length));
        }

        public void Clear()
        {
            Array.Clear(_items);
            _items = [];
            _count = 0;
            _engagement = null;
        }
    }
}
