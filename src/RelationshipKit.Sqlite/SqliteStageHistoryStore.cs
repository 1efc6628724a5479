using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using RelationshipKit.Loyalty;
using RelationshipKit.Sqlite.Internal;

namespace RelationshipKit.Sqlite;

/// <summary>
/// A durable <see cref="IStageHistoryStore"/> in a SQLite database file (it may share the file with the other SQLite
/// stores): every customer's stage transitions per model, append-only and idempotent.
/// </summary>
/// <remarks>
/// <para>The stage history has its own schema version (table <c>rk_stage_schema</c>), migrated when the store opens;
/// a database written by a newer library is refused with <see cref="NotSupportedException"/>.</para>
/// <para>Every append is one synced transaction. Erasure deletes the customer's transitions with <c>secure_delete</c>
/// on, then checkpoints (and, with <see cref="SqliteStoreOptions.ScrubOnErase"/>, vacuums) as the other stores do.
/// All members are thread-safe; operations are serialised. Dispose the store to close its connection.</para>
/// </remarks>
public sealed class SqliteStageHistoryStore : IStageHistoryStore, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Opens (or creates) the database and brings the stage history schema to the current version.</summary>
    /// <param name="options">Where the database is and how it syncs (copied).</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names the option.</exception>
    /// <exception cref="NotSupportedException">The database was written by a newer version of this library.</exception>
    /// <exception cref="SqliteException">The file cannot be opened or is not a database.</exception>
    public SqliteStageHistoryStore(SqliteStoreOptions options)
    {
        _database = new SqliteDatabase(options);
        _connection = _database.OpenWriter();
        try
        {
            StageHistorySchema.Migrate(_connection);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>The version of the stage history schema this library writes.</summary>
    public static int SchemaVersion => StageHistorySchema.CurrentVersion;

    /// <inheritdoc />
    public ValueTask<bool> AppendAsync(StageTransition transition, CancellationToken cancellationToken = default)
    {
        if (transition.ModelName is null)
        {
            throw new ArgumentException("The transition is the default value.", nameof(transition));
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ThrowIfDisposed();
            SqliteSchema.Execute(_connection, "BEGIN IMMEDIATE;");
            try
            {
                using SqliteCommand command = _connection.CreateCommand();
                command.CommandText = "SELECT from_stage, to_stage, reason, offset_minutes FROM rk_stage_transitions WHERE model = $m AND customer_id = $c AND at_utc = $t;";
                command.Parameters.AddWithValue("$m", transition.ModelName);
                command.Parameters.AddWithValue("$c", transition.CustomerId.Value);
                command.Parameters.AddWithValue("$t", transition.At.UtcTicks);
                StageTransition? stored = null;
                using (SqliteDataReader row = command.ExecuteReader())
                {
                    if (row.Read())
                    {
                        var offset = TimeSpan.FromMinutes(row.GetInt32(3));
                        stored = new StageTransition(
                            transition.ModelName,
                            transition.CustomerId,
                            row.IsDBNull(0) ? default : new Stage(row.GetString(0)),
                            new Stage(row.GetString(1)),
                            new DateTimeOffset(transition.At.UtcTicks + offset.Ticks, offset),
                            row.GetString(2));
                    }
                }

                if (stored is { } existing)
                {
                    SqliteSchema.Execute(_connection, "ROLLBACK;");
                    return existing.Previous == transition.Previous && existing.Next == transition.Next
                        ? new ValueTask<bool>(false)
                        : throw new StageHistoryConflictException(existing, transition);
                }

                command.CommandText = """
                    INSERT INTO rk_stage_transitions (model, customer_id, at_utc, offset_minutes, from_stage, to_stage, reason)
                    VALUES ($m, $c, $t, $o, $f, $n, $r);
                    """;
                command.Parameters.AddWithValue("$o", InteractionRows.OffsetMinutes(transition.At));
                command.Parameters.AddWithValue("$f", transition.Previous.IsEmpty ? DBNull.Value : transition.Previous.Name);
                command.Parameters.AddWithValue("$n", transition.Next.Name);
                command.Parameters.AddWithValue("$r", transition.Reason);
                command.ExecuteNonQuery();
                SqliteSchema.Execute(_connection, "COMMIT;");
                return new ValueTask<bool>(true);
            }
            catch
            {
                if (SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0)
                {
                    SqliteSchema.Execute(_connection, "ROLLBACK;");
                }

                throw;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StageTransition>> ReadAsync(CustomerId customerId, string modelName, CancellationToken cancellationToken = default)
    {
        Check(customerId, modelName);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ThrowIfDisposed();
            using SqliteCommand command = _connection.CreateCommand();
            command.CommandText = "SELECT model, customer_id, at_utc, offset_minutes, from_stage, to_stage, reason FROM rk_stage_transitions WHERE model = $m AND customer_id = $c ORDER BY at_utc, seq;";
            command.Parameters.AddWithValue("$m", modelName);
            command.Parameters.AddWithValue("$c", customerId.Value);
            return new ValueTask<IReadOnlyList<StageTransition>>(ReadRows(command));
        }
    }

    /// <inheritdoc />
    public ValueTask<CurrentStage?> GetCurrentAsync(CustomerId customerId, string modelName, CancellationToken cancellationToken = default)
    {
        Check(customerId, modelName);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ThrowIfDisposed();
            using SqliteCommand command = _connection.CreateCommand();
            command.CommandText = "SELECT model, customer_id, at_utc, offset_minutes, from_stage, to_stage, reason FROM rk_stage_transitions WHERE model = $m AND customer_id = $c ORDER BY at_utc DESC, seq DESC LIMIT 1;";
            command.Parameters.AddWithValue("$m", modelName);
            command.Parameters.AddWithValue("$c", customerId.Value);
            List<StageTransition> rows = ReadRows(command);
            return new ValueTask<CurrentStage?>(rows.Count == 0 ? null : CurrentStage.From(rows[0]));
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StageTransition> ReadAllAsync(string modelName, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Stage.IsValidName(modelName ?? throw new ArgumentNullException(nameof(modelName))))
        {
            throw new ArgumentException($"'{modelName}' is not a valid model name.", nameof(modelName));
        }

        const int Page = 1000;
        long after = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            List<(long Seq, StageTransition Transition)> page = [];
            lock (_gate)
            {
                ThrowIfDisposed();
                using SqliteCommand command = _connection.CreateCommand();
                command.CommandText = "SELECT model, customer_id, at_utc, offset_minutes, from_stage, to_stage, reason, seq FROM rk_stage_transitions WHERE model = $m AND seq > $after ORDER BY seq LIMIT $page;";
                command.Parameters.AddWithValue("$m", modelName);
                command.Parameters.AddWithValue("$after", after);
                command.Parameters.AddWithValue("$page", Page);
                using SqliteDataReader rows = command.ExecuteReader();
                while (rows.Read())
                {
                    page.Add((rows.GetInt64(7), ReadRow(rows)));
                }
            }

            if (page.Count == 0)
            {
                yield break;
            }

            foreach ((long seq, StageTransition transition) in page)
            {
                after = seq;
                yield return transition;
            }

            await Task.CompletedTask.ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask<ErasureResult> EraseAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        if (customerId.IsEmpty)
        {
            throw new ArgumentException("The customer id is the default value.", nameof(customerId));
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ThrowIfDisposed();
            long erased;
            using (SqliteCommand command = _connection.CreateCommand())
            {
                command.CommandText = "DELETE FROM rk_stage_transitions WHERE customer_id = $c;";
                command.Parameters.AddWithValue("$c", customerId.Value);
                erased = command.ExecuteNonQuery();
            }

            bool scrubbed = erased == 0 || _database.AfterErasure(_connection);
            return new ValueTask<ErasureResult>(new ErasureResult(customerId, erased, erased == 0 || (scrubbed && _database.ScrubOnErase)));
        }
    }

    /// <summary>Closes the store's connection.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _connection.Dispose();
            _database.ClearPool();
        }
    }

    private static void Check(CustomerId customerId, string modelName)
    {
        if (customerId.IsEmpty)
        {
            throw new ArgumentException("The customer id is the default value.", nameof(customerId));
        }

        ArgumentNullException.ThrowIfNull(modelName);
        if (!Stage.IsValidName(modelName))
        {
            throw new ArgumentException($"'{modelName}' is not a valid model name.", nameof(modelName));
        }
    }

    private static List<StageTransition> ReadRows(SqliteCommand command)
    {
        var list = new List<StageTransition>();
        using SqliteDataReader rows = command.ExecuteReader();
        while (rows.Read())
        {
            list.Add(ReadRow(rows));
        }

        return list;
    }

    private static StageTransition ReadRow(SqliteDataReader row)
    {
        var offset = TimeSpan.FromMinutes(row.GetInt32(3));
        return new StageTransition(
            row.GetString(0),
            new CustomerId(row.GetString(1)),
            row.IsDBNull(4) ? default : new Stage(row.GetString(4)),
            new Stage(row.GetString(5)),
            new DateTimeOffset(row.GetInt64(2) + offset.Ticks, offset),
            row.GetString(6));
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
