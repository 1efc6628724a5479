using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using RelationshipKit.Interactions;
using RelationshipKit.Internal;
using RelationshipKit.Sqlite.Internal;

namespace RelationshipKit.Sqlite;

/// <summary>
/// A durable <see cref="IInteractionStore"/> in one SQLite database file: WAL mode, synchronous commits
/// (<see cref="SqliteStoreOptions.Synchronous"/>), secure delete, and a versioned schema migrated on open.
/// </summary>
/// <remarks>
/// <para><b>Writes.</b> Appends are grouped: concurrent callers' appends are written in one transaction (each call in
/// its own savepoint, so one call's conflict does not affect another's) and every call completes only after that
/// transaction is committed and synced. A batch is one call, so it is stored entirely or not at all. Another process
/// may write to the same file; the database lock serialises them.</para>
/// <para><b>Reads</b> run on a small pool of read connections, concurrently with writes (WAL readers see the last
/// committed state). Engagement features are folded from the customer's rows when asked for.</para>
/// <para><b>Erasure</b> deletes the customer's rows, keeps a SHA-256 digest of each erased id (no customer, no
/// content), then checkpoints and truncates the write-ahead log; with <c>secure_delete</c> the erased bytes are then
/// gone from the database file and the log. Idle read connections (and their page caches) are closed.</para>
/// <para>All members are thread-safe. Dispose the store to close its connections.</para>
/// </remarks>
public sealed class SqliteInteractionStore : IInteractionStore, IDisposable
{
    private const int MaxGroupRequests = 256;
    private const int MaxGroupItems = 100_000;

    private const string InsertColumns = "stream_key, id, kind, channel, direction, occurred_utc, offset_minutes, amount, campaign, outcome, rating, sentiment, attributes";
    private const string InsertValues = "$key, $id, $kind, $channel, $direction, $utc, $offset, $amount, $campaign, $outcome, $rating, $sentiment, $attributes";

    private readonly SqliteDatabase _database;
    private readonly InteractionRules _rules;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentQueue<AppendRequest> _pending = new();
    private readonly ReaderPool _readers;
    private readonly Writer _writer;
    private int _disposed;

    /// <summary>Opens (or creates) the database and brings its schema to the current version.</summary>
    /// <param name="options">Where the database is and how it syncs (copied).</param>
    /// <param name="interactionOptions">The rules for interactions (copied); defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock that defines "now" for future-dated input; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names the option.</exception>
    /// <exception cref="NotSupportedException">The database was written by a newer version of this library.</exception>
    /// <exception cref="SqliteException">The file cannot be opened or is not a database.</exception>
    public SqliteInteractionStore(SqliteStoreOptions options, InteractionOptions? interactionOptions = null, TimeProvider? timeProvider = null)
    {
        _rules = new InteractionRules(interactionOptions ?? new InteractionOptions(), timeProvider ?? TimeProvider.System);
        _database = new SqliteDatabase(options);
        _writer = new Writer(_database.OpenWriter());
        _readers = new ReaderPool(_database, Math.Max(2, Environment.ProcessorCount * 2));
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => _database.Path_;

    /// <inheritdoc />
    public async ValueTask<AppendResult> AppendAsync(Interaction interaction, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (expectedVersion is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(expectedVersion), expectedVersion, "An expected version is zero or more.");
        }

        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        _rules.Check(interaction, -1, _rules.LatestUtcTicks());
        var request = new AppendRequest([interaction], expectedVersion is { } v ? new Dictionary<CustomerId, long> { [interaction.CustomerId] = v } : null);
        AppendOutcome[] outcomes = await SubmitAsync(request).ConfigureAwait(false);
        return new AppendResult(outcomes[0], request.VersionAfterFirst);
    }

    /// <inheritdoc />
    public async ValueTask<AppendBatchResult> AppendBatchAsync(
        IReadOnlyList<Interaction> interactions,
        IReadOnlyDictionary<CustomerId, long>? expectedVersions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        if (expectedVersions is not null)
        {
            foreach (KeyValuePair<CustomerId, long> pair in expectedVersions)
            {
                if (pair.Value < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(expectedVersions), pair.Value, $"The expected version of customer '{pair.Key}' is negative.");
                }
            }
        }

        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        _rules.CheckAll(interactions);
        if (interactions.Count == 0)
        {
            return new AppendBatchResult([]);
        }

        Interaction[] copy = [.. interactions];
        AppendOutcome[] outcomes = await SubmitAsync(new AppendRequest(copy, expectedVersions is null ? null : new Dictionary<CustomerId, long>(expectedVersions))).ConfigureAwait(false);
        return new AppendBatchResult(outcomes);
    }

    /// <inheritdoc />
    public ValueTask<long> GetVersionAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        CheckCustomer(customerId);
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<long>(WithReader(reader =>
        {
            SqliteCommand command = reader.Command(VersionSql, "$c");
            command.Parameters[0].Value = customerId.Value;
            return command.ExecuteScalar() is long version ? version : 0L;
        }));
    }

    /// <inheritdoc />
    public ValueTask<Interaction?> FindAsync(string interactionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interactionId);
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<Interaction?>(WithReader(reader => FindRow(reader.Command(FindSql, "$id"), interactionId)));
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Interaction> ReadAsync(CustomerId customerId, InteractionQuery query = default, CancellationToken cancellationToken = default)
    {
        CheckCustomer(customerId);
        query.Validate(nameof(query));
        ThrowIfDisposed();
        return ReadCore(customerId, query, cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<Interaction> ReadAllAsync(InteractionQuery query = default, CancellationToken cancellationToken = default)
    {
        query.Validate(nameof(query));
        ThrowIfDisposed();
        return ReadCore(null, query, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Interaction>> ReadLastAsync(CustomerId customerId, int count, CancellationToken cancellationToken = default)
    {
        CheckCustomer(customerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<IReadOnlyList<Interaction>>(WithReader<IReadOnlyList<Interaction>>(reader =>
        {
            SqliteCommand command = reader.Command(
                $"SELECT {InteractionRows.Columns} FROM rk_interactions i WHERE {InteractionRows.CustomerRange} ORDER BY i.stream_key DESC LIMIT $n;",
                "$c",
                "$n");
            command.Parameters[0].Value = customerId.Value;
            command.Parameters[1].Value = count;
            var last = new List<Interaction>(Math.Min(count, 256));
            using (SqliteDataReader rows = command.ExecuteReader())
            {
                while (rows.Read())
                {
                    last.Add(InteractionRows.Read(rows, customerId));
                }
            }

            last.Reverse();
            return last;
        }));
    }

    /// <inheritdoc />
    public async ValueTask<EngagementFeatures> GetEngagementAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        CheckCustomer(customerId);
        var state = new EngagementState();
        await foreach (Interaction interaction in ReadAsync(customerId, default, cancellationToken).ConfigureAwait(false))
        {
            state.Add(interaction);
        }

        return state.ToFeatures(customerId);
    }

    /// <inheritdoc />
    public async ValueTask<ErasureResult> EraseAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        CheckCustomer(customerId);
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        await _writeGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            long erased = _writer.Erase(customerId);
            _readers.Clear();
            bool scrubbed = erased == 0 || _database.AfterErasure(_writer.Connection);
            return new ErasureResult(customerId, erased, erased == 0 || (scrubbed && _database.ScrubOnErase));
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Rewrites the database file (<c>VACUUM</c>) and truncates its write-ahead log, so that no byte of erased data is
    /// left in either; for hosts that turn <see cref="SqliteStoreOptions.ScrubOnErase"/> off and scrub after a batch
    /// of erasures. Its cost grows with the size of the database; appends wait while it runs.
    /// </summary>
    /// <param name="cancellationToken">Cancels before the scrub starts.</param>
    /// <returns><see langword="true"/> when the log was truncated; <see langword="false"/> when readers held it past <see cref="SqliteStoreOptions.BusyTimeout"/>.</returns>
    /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the scrub started.</exception>
    public async ValueTask<bool> ScrubAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        await _writeGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            _readers.Clear();
            return _database.Scrub(_writer.Connection);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Closes the store's connections. Appends in progress complete first.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _writeGate.Wait();
        try
        {
            _writer.Dispose();
            _readers.Dispose();
            _database.ClearPool();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>A customer's version is the highest version of their rows: the rows are never deleted one by one.</summary>
    private const string VersionSql =
        $"SELECT COALESCE(MAX(i.stream_key) & 4294967295, 0) FROM rk_interactions i WHERE {InteractionRows.CustomerRange};";

    private const string FindSql =
        $"SELECT {InteractionRows.Columns}, c.customer_id FROM rk_interactions i JOIN rk_customers c ON c.customer_pk = (i.stream_key >> 32) WHERE i.id = $id;";

    private static Interaction? FindRow(SqliteCommand find, string id)
    {
        find.Parameters[0].Value = id;
        using SqliteDataReader rows = find.ExecuteReader();
        return rows.Read() ? InteractionRows.Read(rows, new CustomerId(rows.GetString(InteractionRows.CustomerColumn))) : null;
    }

    private static void CheckCustomer(CustomerId customerId)
    {
        if (customerId.IsEmpty)
        {
            throw new ArgumentException("The customer id is the default value.", nameof(customerId));
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private T WithReader<T>(Func<ReaderPool.Reader, T> read)
    {
        ThrowIfDisposed();
        ReaderPool.Reader reader = _readers.Rent();
        try
        {
            return read(reader);
        }
        catch
        {
            reader.Dispose();
            reader = null!;
            throw;
        }
        finally
        {
            if (reader is not null)
            {
                _readers.Return(reader);
            }
        }
    }

    private async IAsyncEnumerable<Interaction> ReadCore(CustomerId? customerId, InteractionQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ReaderPool.Reader reader = _readers.Rent();
        bool healthy = false;
        try
        {
            var sql = new StringBuilder();
            sql.Append("SELECT ").Append(InteractionRows.Columns);
            if (customerId is null)
            {
                sql.Append(", c.customer_id FROM rk_interactions i JOIN rk_customers c ON c.customer_pk = (i.stream_key >> 32) WHERE 1 = 1");
            }
            else
            {
                sql.Append(" FROM rk_interactions i WHERE ").Append(InteractionRows.CustomerRange);
            }

            using SqliteCommand command = reader.Connection.CreateCommand();
            if (customerId is { } id)
            {
                command.Parameters.AddWithValue("$c", id.Value);
            }

            if (query.From is { } from)
            {
                sql.Append(" AND i.occurred_utc >= $from");
                command.Parameters.AddWithValue("$from", from.UtcTicks);
            }

            if (query.To is { } to)
            {
                sql.Append(" AND i.occurred_utc < $to");
                command.Parameters.AddWithValue("$to", to.UtcTicks);
            }

            if (query.Channel is { } channel)
            {
                sql.Append(" AND i.channel = $channel");
                command.Parameters.AddWithValue("$channel", channel.Name);
            }

            if (query.Kind is { } kind)
            {
                sql.Append(" AND i.kind = $kind");
                command.Parameters.AddWithValue("$kind", kind.Name);
            }

            if (query.Direction is { } direction)
            {
                sql.Append(" AND i.direction = $direction");
                command.Parameters.AddWithValue("$direction", (int)direction);
            }

            sql.Append(" ORDER BY i.stream_key;");
            command.CommandText = sql.ToString();
            SqliteDataReader rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (rows.ConfigureAwait(false))
            {
                CustomerId current = customerId ?? default;
                while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (customerId is null)
                    {
                        string text = rows.GetString(InteractionRows.CustomerColumn);
                        if (!string.Equals(current.Value, text, StringComparison.Ordinal))
                        {
                            current = new CustomerId(text);
                        }
                    }

                    yield return InteractionRows.Read(rows, current);
                }
            }

            healthy = true;
        }
        finally
        {
            if (healthy)
            {
                _readers.Return(reader);
            }
            else
            {
                reader.Dispose();
            }
        }
    }

    /// <summary>Queues a request and, when this caller gets the write lock first, writes every queued request in one transaction.</summary>
    private async Task<AppendOutcome[]> SubmitAsync(AppendRequest request)
    {
        _pending.Enqueue(request);
        await _writeGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (!request.Completion.Task.IsCompleted)
            {
                if (Volatile.Read(ref _disposed) != 0)
                {
                    var disposed = new ObjectDisposedException(nameof(SqliteInteractionStore));
                    while (_pending.TryDequeue(out AppendRequest? orphan))
                    {
                        orphan.Completion.TrySetException(disposed);
                    }
                }
                else
                {
                    WriteGroup();
                }
            }
        }
        finally
        {
            _writeGate.Release();
        }

        return await request.Completion.Task.ConfigureAwait(false);
    }

    private void WriteGroup()
    {
        var group = new List<AppendRequest>();
        int items = 0;
        while (group.Count < MaxGroupRequests && items < MaxGroupItems && _pending.TryDequeue(out AppendRequest? next))
        {
            group.Add(next);
            items += next.Items.Count;
        }

        try
        {
            _writer.Write(group);
        }
#pragma warning disable CA1031 // Every failure must reach the waiting callers, whose appends were rolled back.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (AppendRequest request in group)
            {
                request.Completion.TrySetException(ex);
            }

            return;
        }

        foreach (AppendRequest request in group)
        {
            request.Complete();
        }
    }

    /// <summary>One caller's append: its interactions, expected versions, and (once written) outcomes or the reason it was refused.</summary>
    private sealed class AppendRequest(IReadOnlyList<Interaction> items, Dictionary<CustomerId, long>? expected)
    {
        public IReadOnlyList<Interaction> Items { get; } = items;

        public Dictionary<CustomerId, long>? Expected { get; } = expected;

        public TaskCompletionSource<AppendOutcome[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public AppendOutcome[] Outcomes { get; } = new AppendOutcome[items.Count];

        public long VersionAfterFirst { get; set; }

        public Exception? Failure { get; set; }

        public void Complete()
        {
            if (Failure is not null)
            {
                Completion.TrySetException(Failure);
            }
            else
            {
                Completion.TrySetResult(Outcomes);
            }
        }
    }

    /// <summary>The write connection with its prepared statements; used only under the write gate.</summary>
    private sealed class Writer : IDisposable
    {
        private const int MaxCachedCustomers = 200_000;

        // Customers' row ids and versions, kept across transactions while no other connection writes (data_version).
        private readonly Dictionary<CustomerId, CustomerState> _customers = [];
        private readonly Dictionary<CustomerId, CustomerState?> _undo = [];
        private readonly HashSet<CustomerId> _versionChecked = [];
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _insertGuarded;
        private readonly SqliteCommand _find;
        private readonly SqliteCommand _anyErased;
        private readonly SqliteCommand _customer;
        private readonly SqliteCommand _newCustomer;
        private readonly SqliteCommand _dataVersion;
        private readonly SqliteCommand _dropCustomer;
        private long _knownDataVersion = -1;
        private readonly byte[] _digest = new byte[KeyDigest.Length];

        public Writer(SqliteConnection connection)
        {
            Connection = connection;
            _insert = Prepare($"INSERT INTO rk_interactions ({InsertColumns}) VALUES ({InsertValues}) ON CONFLICT (id) DO NOTHING;", InsertParameters);
            _insertGuarded = Prepare(
                $"INSERT INTO rk_interactions ({InsertColumns}) SELECT {InsertValues} WHERE NOT EXISTS (SELECT 1 FROM rk_erased_keys WHERE digest = $digest) ON CONFLICT (id) DO NOTHING;",
                [.. InsertParameters, "$digest"]);
            _find = Prepare(FindSql, "$id");
            _anyErased = Prepare("SELECT EXISTS (SELECT 1 FROM rk_erased_keys);");
            _customer = Prepare(
                "SELECT c.customer_pk, COALESCE((SELECT MAX(i.stream_key) FROM rk_interactions i WHERE i.stream_key BETWEEN c.customer_pk << 32 AND (c.customer_pk << 32) + 4294967295) & 4294967295, 0) FROM rk_customers c WHERE c.customer_id = $c;",
                "$c");
            _newCustomer = Prepare("INSERT INTO rk_customers (customer_id) VALUES ($c) RETURNING customer_pk;", "$c");
            _dataVersion = Prepare("PRAGMA data_version;");
            _dropCustomer = Prepare("DELETE FROM rk_customers WHERE customer_pk = $pk;", "$pk");
        }

        public SqliteConnection Connection { get; }

        private static string[] InsertParameters =>
            ["$key", "$id", "$kind", "$channel", "$direction", "$utc", "$offset", "$amount", "$campaign", "$outcome", "$rating", "$sentiment", "$attributes"];

        public void Write(List<AppendRequest> group)
        {
            Begin();
            try
            {
                bool anyErased = (long)_anyErased.ExecuteScalar()! != 0;
                foreach (AppendRequest request in group)
                {
                    Execute("SAVEPOINT rk_request;");
                    _undo.Clear();
                    _versionChecked.Clear();
                    List<InteractionConflict>? conflicts = Apply(request, anyErased);
                    if (conflicts is null)
                    {
                        Execute("RELEASE rk_request;");
                    }
                    else
                    {
                        Execute("ROLLBACK TO rk_request;");
                        Execute("RELEASE rk_request;");
                        foreach ((CustomerId id, CustomerState? before) in _undo)
                        {
                            if (before is null)
                            {
                                _customers.Remove(id);
                            }
                            else
                            {
                                _customers[id] = before;
                            }
                        }

                        request.Failure = new InteractionConflictException(conflicts);
                    }
                }

                Execute("COMMIT;");
            }
            catch
            {
                TryRollback();
                _customers.Clear();
                throw;
            }

            if (_customers.Count > MaxCachedCustomers)
            {
                _customers.Clear();
            }
        }

        public long Erase(CustomerId customerId)
        {
            Begin();
            _customers.Remove(customerId);
            try
            {
                _customer.Parameters[0].Value = customerId.Value;
                long pk;
                using (SqliteDataReader row = _customer.ExecuteReader())
                {
                    if (!row.Read())
                    {
                        Execute("COMMIT;");
                        return 0;
                    }

                    pk = row.GetInt64(0);
                }

                var ids = new List<string>();
                using (SqliteCommand list = Connection.CreateCommand())
                {
                    list.CommandText = "SELECT id FROM rk_interactions WHERE stream_key BETWEEN $lo AND $hi;";
                    list.Parameters.AddWithValue("$lo", pk << 32);
                    list.Parameters.AddWithValue("$hi", (pk << 32) + uint.MaxValue);
                    using SqliteDataReader rows = list.ExecuteReader();
                    while (rows.Read())
                    {
                        ids.Add(rows.GetString(0));
                    }
                }

                using (SqliteCommand tombstone = Connection.CreateCommand())
                {
                    tombstone.CommandText = "INSERT OR IGNORE INTO rk_erased_keys (digest) VALUES ($digest);";
                    SqliteParameter digest = tombstone.Parameters.Add("$digest", SqliteType.Blob);
                    foreach (string id in ids)
                    {
                        digest.Value = KeyDigest.Compute(id);
                        tombstone.ExecuteNonQuery();
                    }
                }

                long erased;
                using (SqliteCommand delete = Connection.CreateCommand())
                {
                    delete.CommandText = "DELETE FROM rk_interactions WHERE stream_key BETWEEN $lo AND $hi;";
                    delete.Parameters.AddWithValue("$lo", pk << 32);
                    delete.Parameters.AddWithValue("$hi", (pk << 32) + uint.MaxValue);
                    delete.Parameters.AddWithValue("$pk", pk);
                    erased = delete.ExecuteNonQuery();
                    delete.CommandText = "DELETE FROM rk_customers WHERE customer_pk = $pk;";
                    delete.ExecuteNonQuery();
                }

                Execute("COMMIT;");
                return erased;
            }
            catch
            {
                TryRollback();
                _customers.Clear();
                throw;
            }
        }

        public void Dispose()
        {
            foreach (SqliteCommand command in new[] { _insert, _insertGuarded, _find, _anyErased, _customer, _newCustomer, _dataVersion, _dropCustomer })
            {
                command.Dispose();
            }

            Connection.Dispose();
        }

        private List<InteractionConflict>? Apply(AppendRequest request, bool anyErased)
        {
            List<InteractionConflict>? conflicts = null;
            for (int i = 0; i < request.Items.Count; i++)
            {
                Interaction interaction = request.Items[i];
                CustomerState? state = Customer(interaction.CustomerId);
                long expected = 0;
                bool checkVersion = request.Expected is not null
                    && request.Expected.TryGetValue(interaction.CustomerId, out expected)
                    && !_versionChecked.Contains(interaction.CustomerId);
                if (state is null)
                {
                    // A customer not yet stored: create their row, then append; if the id turns out to be stored
                    // already (a replay or a conflict) or erased, the new row is removed again.
                    if (checkVersion)
                    {
                        _versionChecked.Add(interaction.CustomerId);
                        if (expected != 0)
                        {
                            (conflicts ??= []).Add(new InteractionConflict(i, interaction.Id, interaction.CustomerId, InteractionConflictReason.VersionMismatch, expected, 0));
                            continue;
                        }
                    }

                    _newCustomer.Parameters[0].Value = interaction.CustomerId.Value;
                    var created = new CustomerState((long)_newCustomer.ExecuteScalar()!, 0);
                    if (Insert(anyErased ? _insertGuarded : _insert, interaction, created))
                    {
                        _undo.TryAdd(interaction.CustomerId, null);
                        _customers.Add(interaction.CustomerId, created);
                        Appended(request, i, interaction.CustomerId, created);
                        continue;
                    }

                    _dropCustomer.Parameters[0].Value = created.Pk;
                    _dropCustomer.ExecuteNonQuery();
                    Interaction? existing = FindRow(_find, interaction.Id);
                    if (existing is not null)
                    {
                        Replay(request, i, interaction, existing, ref conflicts);
                    }
                    else
                    {
                        request.Outcomes[i] = AppendOutcome.Erased;
                    }

                    continue;
                }

                if (Insert(anyErased ? _insertGuarded : _insert, interaction, state))
                {
                    if (checkVersion)
                    {
                        _versionChecked.Add(interaction.CustomerId);
                        if (expected != state.Version)
                        {
                            (conflicts ??= []).Add(new InteractionConflict(i, interaction.Id, interaction.CustomerId, InteractionConflictReason.VersionMismatch, expected, state.Version));
                        }
                    }

                    _undo.TryAdd(interaction.CustomerId, state with { });
                    Appended(request, i, interaction.CustomerId, state);
                    continue;
                }

                Interaction? stored = FindRow(_find, interaction.Id);
                if (stored is not null)
                {
                    Replay(request, i, interaction, stored, ref conflicts);
                }
                else
                {
                    request.Outcomes[i] = AppendOutcome.Erased;
                    if (i == 0)
                    {
                        request.VersionAfterFirst = state.Version;
                    }
                }
            }

            return conflicts;
        }

        private void Appended(AppendRequest request, int index, CustomerId customerId, CustomerState state)
        {
            // The row holds version state.Version + 1 (see Insert); make it the customer's version.
            _customers[customerId] = state with { Version = state.Version + 1 };
            request.Outcomes[index] = AppendOutcome.Appended;
            if (index == 0)
            {
                request.VersionAfterFirst = state.Version + 1;
            }
        }

        private void Replay(AppendRequest request, int index, Interaction interaction, Interaction stored, ref List<InteractionConflict>? conflicts)
        {
            long actual = Customer(stored.CustomerId)?.Version ?? 0;
            if (stored.Equals(interaction))
            {
                request.Outcomes[index] = AppendOutcome.AlreadyAppended;
                if (index == 0)
                {
                    request.VersionAfterFirst = actual;
                }
            }
            else
            {
                (conflicts ??= []).Add(new InteractionConflict(index, interaction.Id, interaction.CustomerId, InteractionConflictReason.DifferentContent, null, actual));
            }
        }

        /// <summary>Starts a write transaction; forgets cached customers if another connection wrote since the last one.</summary>
        private void Begin()
        {
            Execute("BEGIN IMMEDIATE;");
            long dataVersion = (long)_dataVersion.ExecuteScalar()!;
            if (dataVersion != _knownDataVersion)
            {
                _customers.Clear();
                _knownDataVersion = dataVersion;
            }
        }

        private CustomerState? Customer(CustomerId customerId)
        {
            if (_customers.TryGetValue(customerId, out CustomerState? state))
            {
                return state;
            }

            _customer.Parameters[0].Value = customerId.Value;
            using SqliteDataReader row = _customer.ExecuteReader();
            if (!row.Read())
            {
                return null;
            }

            state = new CustomerState(row.GetInt64(0), row.GetInt64(1));
            _customers.Add(customerId, state);
            return state;
        }

        private bool Insert(SqliteCommand command, Interaction interaction, CustomerState state)
        {
            SqliteParameterCollection p = command.Parameters;
            p[0].Value = InteractionRows.StreamKey(state.Pk, state.Version + 1);
            p[1].Value = interaction.Id;
            p[2].Value = interaction.Kind.Name;
            p[3].Value = interaction.Channel.Name;
            p[4].Value = (int)interaction.Direction;
            p[5].Value = interaction.OccurredAt.UtcTicks;
            p[6].Value = InteractionRows.OffsetMinutes(interaction.OccurredAt);
            p[7].Value = interaction.Amount is { } amount ? InteractionRows.FormatAmount(amount) : DBNull.Value;
            p[8].Value = (object?)interaction.Campaign ?? DBNull.Value;
            p[9].Value = (object?)interaction.Outcome ?? DBNull.Value;
            p[10].Value = interaction.Rating is { } rating ? rating : DBNull.Value;
            p[11].Value = interaction.Sentiment is { } sentiment ? sentiment : DBNull.Value;
            p[12].Value = (object?)InteractionJsonCodec.AttributesToJson(interaction.AttributeMap) ?? DBNull.Value;
            if (p.Count > 13)
            {
                KeyDigest.Compute(interaction.Id, _digest);
                p[13].Value = _digest;
            }

            return command.ExecuteNonQuery() == 1;
        }

        private SqliteCommand Prepare(string sql, params ReadOnlySpan<string> parameters)
        {
            SqliteCommand command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (string name in parameters)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            command.Prepare();
            return command;
        }

        private void Execute(string sql)
        {
            using SqliteCommand command = Connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        private void TryRollback()
        {
            try
            {
                if (SQLitePCL.raw.sqlite3_get_autocommit(Connection.Handle) == 0)
                {
                    Execute("ROLLBACK;");
                }
            }
            catch (SqliteException)
            {
                // The transaction is already gone (SQLite rolled it back itself); nothing to undo.
            }
        }
    }

    /// <summary>A customer's row id and version as of the current transaction.</summary>
    private sealed record CustomerState(long Pk, long Version);
}
