using Microsoft.Data.Sqlite;
using RelationshipKit.Interactions;
using RelationshipKit.Sqlite.Internal;

namespace RelationshipKit.Sqlite;

/// <summary>
/// A durable <see cref="IContactPreferenceStore"/> in a SQLite database file (it may share the file with a
/// <see cref="SqliteInteractionStore"/>): consents as a history, preferred channels, time zone and do-not-contact.
/// </summary>
/// <remarks>
/// Every change is one synced transaction. Erasure deletes the customer's consents and preferences with
/// <c>secure_delete</c> on, then checkpoints and truncates the write-ahead log. All members are thread-safe; writes
/// are serialised. Dispose the store to close its connection.
/// </remarks>
public sealed class SqliteContactPreferenceStore : IContactPreferenceStore, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Opens (or creates) the database and brings its schema to the current version.</summary>
    /// <param name="options">Where the database is and how it syncs (copied).</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid; the message names the option.</exception>
    /// <exception cref="NotSupportedException">The database was written by a newer version of this library.</exception>
    /// <exception cref="SqliteException">The file cannot be opened or is not a database.</exception>
    public SqliteContactPreferenceStore(SqliteStoreOptions options)
    {
        _database = new SqliteDatabase(options);
        _connection = _database.OpenWriter();
    }

    /// <inheritdoc />
    public ValueTask<ContactPreferences> GetAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        CheckCustomer(customerId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ThrowIfDisposed();
            return new ValueTask<ContactPreferences>(Read(customerId));
        }
    }

    /// <inheritdoc />
    public ValueTask RecordConsentAsync(CustomerId customerId, ConsentRecord consent, CancellationToken cancellationToken = default)
    {
        CheckCustomer(customerId);
        consent.Validate(nameof(consent));
        cancellationToken.ThrowIfCancellationRequested();
        Write(customerId, command =>
        {
            command.CommandText = """
                INSERT INTO rk_consents (customer_id, channel, purpose, status, recorded_utc, offset_minutes, source)
                VALUES ($c, $channel, $purpose, $status, $utc, $offset, $source);
                """;
            command.Parameters.AddWithValue("$channel", consent.Channel.Name);
            command.Parameters.AddWithValue("$purpose", consent.Purpose.Name);
            command.Parameters.AddWithValue("$status", (int)consent.Status);
            command.Parameters.AddWithValue("$utc", consent.RecordedAt.UtcTicks);
            command.Parameters.AddWithValue("$offset", InteractionRows.OffsetMinutes(consent.RecordedAt));
            command.Parameters.AddWithValue("$source", consent.Source);
            command.ExecuteNonQuery();
        });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask SetPreferredChannelsAsync(CustomerId customerId, IReadOnlyList<Channel> channels, CancellationToken cancellationToken = default)
    {
        CheckCustomer(customerId);
        Channel[] checkedChannels = PreferenceRules.CheckChannels(channels, nameof(channels));
        cancellationToken.ThrowIfCancellationRequested();
        Write(customerId, command =>
        {
            EnsureRow(command);
            command.CommandText = "UPDATE rk_contact_preferences SET preferred_channels = $p WHERE customer_id = $c;";
            command.Parameters.AddWithValue("$p", string.Join(' ', checkedChannels.Select(c => c.Name)));
            command.ExecuteNonQuery();
        });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask SetTimeZoneAsync(CustomerId customerId, string? timeZoneId, CancellationToken cancellationToken = default)
    {
        CheckCustomer(customerId);
        PreferenceRules.CheckTimeZone(timeZoneId, nameof(timeZoneId));
        cancellationToken.ThrowIfCancellationRequested();
        Write(customerId, command =>
        {
            EnsureRow(command);
            command.CommandText = "UPDATE rk_contact_preferences SET time_zone_id = $z WHERE customer_id = $c;";
            command.Parameters.AddWithValue("$z", (object?)timeZoneId ?? DBNull.Value);
            command.ExecuteNonQuery();
        });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask SetDoNotContactAsync(CustomerId customerId, bool doNotContact, DateTimeOffset at, string source, CancellationToken cancellationToken = default)
    {
        CheckCustomer(customerId);
        if (at == default)
        {
            throw new ArgumentException("The time is the default value.", nameof(at));
        }

        PreferenceRules.CheckSource(source, nameof(source));
        cancellationToken.ThrowIfCancellationRequested();
        Write(customerId, command =>
        {
            EnsureRow(command);
            command.CommandText = "UPDATE rk_contact_preferences SET dnc_utc = $utc, dnc_offset_minutes = $offset, dnc_source = $source WHERE customer_id = $c;";
            command.Parameters.AddWithValue("$utc", doNotContact ? at.UtcTicks : DBNull.Value);
            command.Parameters.AddWithValue("$offset", doNotContact ? InteractionRows.OffsetMinutes(at) : DBNull.Value);
            command.Parameters.AddWithValue("$source", doNotContact ? source : DBNull.Value);
            command.ExecuteNonQuery();
        });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<ErasureResult> EraseAsync(CustomerId customerId, CancellationToken cancellationToken = default)
    {
        CheckCustomer(customerId);
        cancellationToken.ThrowIfCancellationRequested();
        long erased = 0;
        lock (_gate)
        {
            ThrowIfDisposed();
            WriteLocked(customerId, command =>
            {
                command.CommandText = "DELETE FROM rk_consents WHERE customer_id = $c;";
                erased += command.ExecuteNonQuery();
                command.CommandText = "DELETE FROM rk_contact_preferences WHERE customer_id = $c;";
                erased += command.ExecuteNonQuery();
            });
            bool scrubbed = erased == 0 || _database.AfterErasure(_connection);
            return new ValueTask<ErasureResult>(new ErasureResult(customerId, erased, erased == 0 || (scrubbed && _database.ScrubOnErase)));
        }
    }

    /// <summary>
    /// Rewrites the database file (<c>VACUUM</c>) and truncates its write-ahead log, so that no byte of erased data is
    /// left in either; for hosts that turn <see cref="SqliteStoreOptions.ScrubOnErase"/> off and scrub after a batch
    /// of erasures. Its cost grows with the size of the database.
    /// </summary>
    /// <param name="cancellationToken">Cancels before the scrub starts.</param>
    /// <returns><see langword="true"/> when the log was truncated; <see langword="false"/> when readers held it past <see cref="SqliteStoreOptions.BusyTimeout"/>.</returns>
    /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the scrub started.</exception>
    public ValueTask<bool> ScrubAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ThrowIfDisposed();
            return new ValueTask<bool>(_database.Scrub(_connection));
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

    private static void CheckCustomer(CustomerId customerId) => PreferenceRules.CheckCustomer(customerId);

    private static void EnsureRow(SqliteCommand command)
    {
        command.CommandText = "INSERT OR IGNORE INTO rk_contact_preferences (customer_id, preferred_channels) VALUES ($c, '');";
        command.ExecuteNonQuery();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private void Write(CustomerId customerId, Action<SqliteCommand> change)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            WriteLocked(customerId, change);
        }
    }

    private void WriteLocked(CustomerId customerId, Action<SqliteCommand> change)
    {
        SqliteSchema.Execute(_connection, "BEGIN IMMEDIATE;");
        try
        {
            using SqliteCommand command = _connection.CreateCommand();
            command.Parameters.AddWithValue("$c", customerId.Value);
            change(command);
            SqliteSchema.Execute(_connection, "COMMIT;");
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

    private ContactPreferences Read(CustomerId customerId)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.Parameters.AddWithValue("$c", customerId.Value);
        command.CommandText = "SELECT preferred_channels, time_zone_id, dnc_utc, dnc_offset_minutes, dnc_source FROM rk_contact_preferences WHERE customer_id = $c;";
        Channel[] preferred = [];
        string? timeZone = null;
        DateTimeOffset? dnc = null;
        string? dncSource = null;
        using (SqliteDataReader row = command.ExecuteReader())
        {
            if (row.Read())
            {
                string channels = row.GetString(0);
                preferred = channels.Length == 0 ? [] : [.. channels.Split(' ').Select(name => new Channel(name))];
                timeZone = row.IsDBNull(1) ? null : row.GetString(1);
                if (!row.IsDBNull(2))
                {
                    var offset = TimeSpan.FromMinutes(row.GetInt32(3));
                    dnc = new DateTimeOffset(row.GetInt64(2) + offset.Ticks, offset);
                    dncSource = row.GetString(4);
                }
            }
        }

        var consents = new List<ConsentRecord>();
        command.CommandText = "SELECT channel, purpose, status, recorded_utc, offset_minutes, source FROM rk_consents WHERE customer_id = $c ORDER BY seq;";
        using (SqliteDataReader rows = command.ExecuteReader())
        {
            while (rows.Read())
            {
                var offset = TimeSpan.FromMinutes(rows.GetInt32(4));
                consents.Add(new ConsentRecord(
                    new Channel(rows.GetString(0)),
                    new ContactPurpose(rows.GetString(1)),
                    (ConsentStatus)rows.GetInt32(2),
                    new DateTimeOffset(rows.GetInt64(3) + offset.Ticks, offset),
                    rows.GetString(5)));
            }
        }

        return new ContactPreferences(customerId, preferred, timeZone, dnc, dncSource, consents);
    }
}
