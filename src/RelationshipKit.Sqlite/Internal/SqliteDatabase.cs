using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RelationshipKit.Sqlite.Internal;

/// <summary>Opens connections to one database file with the store's settings, and scrubs the write-ahead log after an erasure.</summary>
internal sealed class SqliteDatabase
{
    /// <summary>The writer's page cache: random-order index inserts (idempotency keys) stay in memory up to this size.</summary>
    private const int WriterCacheKiB = 64 * 1024;

    private readonly SqliteStoreOptions _options;

    public SqliteDatabase(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _options = options.Clone();
        string fullPath = Path.GetFullPath(_options.DatabasePath);
        string? folder = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        Path_ = fullPath;
        int timeoutSeconds = (int)Math.Ceiling(_options.BusyTimeout.TotalSeconds);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = timeoutSeconds,
        }.ToString();
        BusyTimeout = _options.BusyTimeout;
    }

    public string Path_ { get; }

    public bool ScrubOnErase => _options.ScrubOnErase;

    public string ConnectionString { get; }

    public TimeSpan BusyTimeout { get; }

    /// <summary>Opens the connection that writes: WAL, the configured synchronous mode, secure delete.</summary>
    public SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            connection.Open();
            ApplyCommonPragmas(connection);
            string synchronous = _options.Synchronous switch
            {
                SqliteSynchronousMode.Normal => "NORMAL",
                SqliteSynchronousMode.Extra => "EXTRA",
                _ => "FULL",
            };
            string mode = ExecuteScalarText(connection, "PRAGMA journal_mode = WAL;");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The database '{Path_}' could not be switched to WAL mode (it reports '{mode}').");
            }

            SqliteSchema.Execute(connection, $"PRAGMA synchronous = {synchronous};");
            SqliteSchema.Execute(connection, "PRAGMA secure_delete = ON;");
            SqliteSchema.Execute(connection, $"PRAGMA cache_size = -{WriterCacheKiB};");
            SqliteSchema.Migrate(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens a (pooled) connection for reading.</summary>
    public SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            connection.Open();
            ApplyCommonPragmas(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Copies the write-ahead log into the database and truncates it to zero bytes, retrying while readers hold it; returns whether it completed.</summary>
    public bool CheckpointTruncate(SqliteConnection connection)
    {
        long deadline = Environment.TickCount64 + (long)BusyTimeout.TotalMilliseconds;
        int delay = 1;
        while (true)
        {
            using (SqliteCommand command = connection.CreateCommand())
            {
                command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                using SqliteDataReader reader = command.ExecuteReader();
                if (reader.Read() && reader.GetInt32(0) == 0)
                {
                    return true;
                }
            }

            if (Environment.TickCount64 >= deadline)
            {
                return false;
            }

            Thread.Sleep(delay);
            delay = Math.Min(delay * 2, 100);
        }
    }

    /// <summary>
    /// Rewrites the whole database (VACUUM, so no stale copy of deleted rows survives in unused page space) and then
    /// truncates the write-ahead log; returns whether the log could be truncated.
    /// </summary>
    public bool Scrub(SqliteConnection connection)
    {
        // The VACUUM's temporary copy holds only live rows; a file keeps a large database out of memory.
        SqliteSchema.Execute(connection, "PRAGMA temp_store = FILE;");
        try
        {
            SqliteSchema.Execute(connection, "VACUUM;");
        }
        finally
        {
            SqliteSchema.Execute(connection, "PRAGMA temp_store = MEMORY;");
        }

        return CheckpointTruncate(connection);
    }

    /// <summary>After an erasure: a full scrub when configured, else the log checkpoint alone.</summary>
    public bool AfterErasure(SqliteConnection connection) => ScrubOnErase ? Scrub(connection) : CheckpointTruncate(connection);

    public void ClearPool()
    {
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private void ApplyCommonPragmas(SqliteConnection connection)
    {
        SqliteSchema.Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)BusyTimeout.TotalMilliseconds};"));
        SqliteSchema.Execute(connection, "PRAGMA temp_store = MEMORY;");
    }

    private static string ExecuteScalarText(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
    }
}
