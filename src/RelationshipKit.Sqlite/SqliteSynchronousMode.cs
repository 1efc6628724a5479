namespace RelationshipKit.Sqlite;

/// <summary>SQLite's <c>PRAGMA synchronous</c> setting for the store's writes (in WAL mode).</summary>
public enum SqliteSynchronousMode
{
    /// <summary>
    /// <c>NORMAL</c>: the write-ahead log is synced at checkpoints only. An acknowledged append survives a crash of the
    /// process but may be lost if the machine loses power or the operating system crashes before the next checkpoint.
    /// </summary>
    Normal = 1,

    /// <summary><c>FULL</c>: the write-ahead log is synced at every commit, so an acknowledged append survives a power loss.</summary>
    Full = 2,

    /// <summary><c>EXTRA</c>: like <see cref="Full"/>, and the directory is synced too.</summary>
    Extra = 3,
}
