using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace RelationshipKit.Sqlite.Internal;

/// <summary>A small pool of open read connections, each with its prepared commands, so a short read costs no open or prepare.</summary>
internal sealed class ReaderPool(SqliteDatabase database, int capacity) : IDisposable
{
    private readonly ConcurrentBag<Reader> _idle = [];
    private int _generation;

    public Reader Rent()
    {
        while (_idle.TryTake(out Reader? reader))
        {
            if (reader.Generation == Volatile.Read(ref _generation))
            {
                return reader;
            }

            reader.Dispose();
        }

        return new Reader(database.OpenReader(), Volatile.Read(ref _generation));
    }

    public void Return(Reader reader)
    {
        if (reader.Generation == Volatile.Read(ref _generation) && _idle.Count < capacity)
        {
            _idle.Add(reader);
        }
        else
        {
            reader.Dispose();
        }
    }

    /// <summary>Closes every idle connection (their page caches go with them); connections in use close when returned.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        while (_idle.TryTake(out Reader? reader))
        {
            reader.Dispose();
        }
    }

    public void Dispose() => Clear();

    internal sealed class Reader(SqliteConnection connection, int generation) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public SqliteConnection Connection { get; } = connection;

        public int Generation { get; } = generation;

        /// <summary>A prepared command for <paramref name="sql"/> with the named parameters, reused on this connection.</summary>
        public SqliteCommand Command(string sql, params ReadOnlySpan<string> parameters)
        {
            if (!_commands.TryGetValue(sql, out SqliteCommand? command))
            {
                command = Connection.CreateCommand();
                command.CommandText = sql;
                foreach (string name in parameters)
                {
                    command.Parameters.Add(new SqliteParameter(name, null));
                }

                command.Prepare();
                _commands.Add(sql, command);
            }

            return command;
        }

        public void Dispose()
        {
            foreach (SqliteCommand command in _commands.Values)
            {
                command.Dispose();
            }

            _commands.Clear();
            Connection.Dispose();
        }
    }
}
