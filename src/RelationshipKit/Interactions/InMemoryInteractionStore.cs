using System.Runtime.InteropServices;
using RelationshipKit.Internal;

namespace RelationshipKit.Interactions;

/// <summary>
/// The default <see cref="IInteractionStore"/>: every interaction in memory, engagement features kept up to date
/// as interactions are appended. Nothing survives the process; use a durable store (such as the SQLite one in
/// <c>RelationshipKit.Sqlite</c>) for history that must.
/// </summary>
/// <remarks>
/// <para>An append costs a dictionary lookup of its id and of its customer, an array append and an O(1) update of
/// the customer's engagement, under one lock; reads copy references under the lock and enumerate outside it.
/// <see cref="IInteractionStore.ReadLastAsync"/> is O(count). Erasure drops the customer's interactions, stream and
/// features and keeps a digest of each erased id.</para>
/// <para>All members are thread-safe; writers are serialised by a lock.</para>
/// </remarks>
public sealed class InMemoryInteractionStore : IInteractionStore
{
    private readonly Lock _gate = new();
    private readonly InteractionRules _rules;
    private readonly Dictionary<string, Interaction> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<CustomerId, CustomerStream> _streams = [];
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
        _rules.Check(interaction, -1, _rules.LatestUtcTicks());
        lock (_gate)
        {
            ref Interaction? slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_byKey, interaction.Id, out bool exists);
            if (exists)
            {
                Interaction existing = slot!;
                if (existing.Equals(interaction))
                {
                    return new ValueTask<AppendResult>(new AppendResult(AppendOutcome.AlreadyAppended, VersionOf(interaction.CustomerId)));
                }

                throw new InteractionConflictException(
                    [new InteractionConflict(0, interaction.Id, interaction.CustomerId, InteractionConflictReason.DifferentContent, null, VersionOf(existing.CustomerId))]);
            }

            if (_erased.Count != 0 && _erased.Contains(interaction.Id))
            {
                _byKey.Remove(interaction.Id);
                return new ValueTask<AppendResult>(new AppendResult(AppendOutcome.Erased, VersionOf(interaction.CustomerId)));
            }

            if (!_streams.TryGetValue(interaction.CustomerId, out CustomerStream? stream))
            {
                if (expectedVersion is > 0)
                {
                    _byKey.Remove(interaction.Id);
                    throw VersionConflict(interaction, expectedVersion.Value, 0);
                }

                stream = new CustomerStream(interaction.CustomerId);
                _streams.Add(interaction.CustomerId, stream);
                _order.Add(stream);
            }
            else if (expectedVersion is { } expected && expected != stream.Count)
            {
                _byKey.Remove(interaction.Id);
                throw VersionConflict(interaction, expected, stream.Count);
            }

            slot = interaction;
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
        _rules.CheckAll(interactions);
        var outcomes = new AppendOutcome[interactions.Count];
        lock (_gate)
        {
            List<InteractionConflict>? conflicts = null;
            Dictionary<string, Interaction>? pending = null;
            HashSet<CustomerId>? checkedCustomers = null;
            for (int i = 0; i < interactions.Count; i++)
            {
                Interaction interaction = interactions[i];
                if (_byKey.TryGetValue(interaction.Id, out Interaction? existing)
                    || (pending is not null && pending.TryGetValue(interaction.Id, out existing)))
                {
                    if (existing.Equals(interaction))
                    {
                        outcomes[i] = AppendOutcome.AlreadyAppended;
                    }
                    else
                    {
                        (conflicts ??= []).Add(new InteractionConflict(
                            i, interaction.Id, interaction.CustomerId, InteractionConflictReason.DifferentContent, null, VersionOf(existing.CustomerId)));
                    }

                    continue;
                }

                if (_erased.Count != 0 && _erased.Contains(interaction.Id))
                {
                    outcomes[i] = AppendOutcome.Erased;
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
                            i, interaction.Id, interaction.CustomerId, InteractionConflictReason.VersionMismatch, expected, actual));
                    }
                }

                (pending ??= new Dictionary<string, Interaction>(StringComparer.Ordinal)).Add(interaction.Id, interaction);
                outcomes[i] = AppendOutcome.Appended;
            }

            if (conflicts is not null)
            {
                throw new InteractionConflictException(conflicts);
            }

            for (int i = 0; i < outcomes.Length; i++)
            {
                if (outcomes[i] == AppendOutcome.Appended)
                {
                    Interaction interaction = interactions[i];
                    _byKey.Add(interaction.Id, interaction);
                    if (!_streams.TryGetValue(interaction.CustomerId, out CustomerStream? stream))
                    {
                        stream = new CustomerStream(interaction.CustomerId);
                        _streams.Add(interaction.CustomerId, stream);
                        _order.Add(stream);
                    }

                    stream.Add(interaction);
                    _count++;
                }
            }
        }

        return new ValueTask<AppendBatchResult>(new AppendBatchResult(outcomes));
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
            return new ValueTask<Interaction?>(_byKey.GetValueOrDefault(interactionId));
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
            stream = _streams.GetValueOrDefault(customerId);
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
            if (!_streams.TryGetValue(customerId, out CustomerStream? stream))
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
            EngagementState state = _streams.TryGetValue(customerId, out CustomerStream? stream) ? stream.Engagement : new EngagementState();
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
            if (!_streams.Remove(customerId, out CustomerStream? stream))
            {
                return new ValueTask<ErasureResult>(new ErasureResult(customerId, 0, storageScrubbed: true));
            }

            int erased = stream.Count;
            for (int i = 0; i < erased; i++)
            {
                string id = stream.Items[i]!.Id;
                _byKey.Remove(id);
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

    private long VersionOf(CustomerId customerId) => _streams.TryGetValue(customerId, out CustomerStream? stream) ? stream.Count : 0;

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

    /// <summary>One customer's interactions in append order and their engagement. Written under the store's lock.</summary>
    private sealed class CustomerStream(CustomerId customerId)
    {
        private Interaction?[] _items = new Interaction?[4];
        private volatile int _count;

        public CustomerId CustomerId { get; } = customerId;

        public Interaction?[] Items => _items;

        public int Count => _count;

        public EngagementState Engagement { get; private set; } = new();

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
            Engagement.Add(interaction);
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
            Engagement = new EngagementState();
        }
    }
}
