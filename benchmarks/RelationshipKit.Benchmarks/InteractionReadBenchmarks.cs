using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using RelationshipKit.Interactions;
using RelationshipKit.Sqlite;

namespace RelationshipKit.Benchmarks;

/// <summary>
/// Latency of reading one customer's last 50 interactions with 10,000,000 interactions stored (targets: at most
/// 20 µs from memory, at most 200 µs from SQLite).
/// </summary>
/// <remarks>
/// Samples: 10,000,000 interactions over 200,000 customers (50 each), the mix of <see cref="InteractionBenchmarkData"/>.
/// Each call reads a different customer, cycling through all of them, so the SQLite figure includes page-cache
/// misses. The SQLite database is built once per machine in the temp folder (relkit-bench-interactions-N.db) and
/// reused; RELKIT_BENCH_SQLITE_ROWS sets its size. The baseline streams the customer's whole history and keeps the
/// last 50, as a host without <c>ReadLastAsync</c> would. RELKIT_BENCH_SMOKE=1 shrinks every size for CI's dry run.
/// </remarks>
[MemoryDiagnoser]
public class InteractionReadBenchmarks : IDisposable
{
    private const int Last = 50;
    private InMemoryInteractionStore? _memory;
    private SqliteInteractionStore? _sqlite;
    private CustomerId[] _customers = [];
    private int _next;

    public static int Rows => InteractionBenchmarkData.Smoke ? 10_000 : 10_000_000;

    public static int SqliteRows =>
        InteractionBenchmarkData.Smoke ? 10_000
        : int.TryParse(Environment.GetEnvironmentVariable("RELKIT_BENCH_SQLITE_ROWS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int rows) && rows > 0 ? rows
        : 10_000_000;

    [GlobalSetup(Targets = [nameof(NaiveLastFiftyFromMemory), nameof(LastFiftyFromMemory)])]
    public async Task SetupMemory()
    {
        _customers = InteractionBenchmarkData.Customers(Rows / Last);
        _memory = new InMemoryInteractionStore();
        var batch = new Interaction[10_000];
        for (long n = 0; n < Rows; n += batch.Length)
        {
            int count = (int)Math.Min(batch.Length, Rows - n);
            for (int i = 0; i < count; i++)
            {
                batch[i] = InteractionBenchmarkData.Make(n + i, _customers);
            }

            await _memory.AppendBatchAsync(count == batch.Length ? batch : batch[..count]).ConfigureAwait(false);
        }

        Console.WriteLine($"// in-memory store: {_memory.Count:N0} interactions, {_memory.CustomerCount:N0} customers");
    }

    [GlobalSetup(Target = nameof(LastFiftyFromSqlite))]
    public async Task SetupSqlite()
    {
        int rows = SqliteRows;
        _customers = InteractionBenchmarkData.Customers(Math.Max(1, rows / Last));
        string path = Path.Combine(Path.GetTempPath(), $"relkit-bench-interactions-{rows}.db");
        if (Count(path) != rows)
        {
            foreach (string stale in Directory.GetFiles(Path.GetTempPath(), $"relkit-bench-interactions-{rows}.db*"))
            {
                File.Delete(stale);
            }

            var clock = Stopwatch.StartNew();
            using (var builder = new SqliteInteractionStore(new SqliteStoreOptions { DatabasePath = path, Synchronous = SqliteSynchronousMode.Normal }))
            {
                var batch = new Interaction[10_000];
                for (long n = 0; n < rows; n += batch.Length)
                {
                    int count = (int)Math.Min(batch.Length, rows - n);
                    for (int i = 0; i < count; i++)
                    {
                        batch[i] = InteractionBenchmarkData.Make(n + i, _customers);
                    }

                    await builder.AppendBatchAsync(count == batch.Length ? batch : batch[..count]).ConfigureAwait(false);
                }
            }

            Console.WriteLine($"// built {path} with {rows:N0} interactions in {clock.Elapsed.TotalSeconds:F0} s");
        }

        _sqlite = new SqliteInteractionStore(new SqliteStoreOptions { DatabasePath = path });
        Console.WriteLine($"// SQLite store: {rows:N0} interactions, {new FileInfo(path).Length / 1_048_576:N0} MiB");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sqlite?.Dispose();
        _sqlite = null;
        SqliteConnection.ClearAllPools();
    }

    public void Dispose()
    {
        Cleanup();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "memory, stream the whole history, keep the last 50")]
    public async Task<int> NaiveLastFiftyFromMemory()
    {
        var last = new Queue<Interaction>(Last + 1);
        await foreach (Interaction interaction in _memory!.ReadAsync(NextCustomer()).ConfigureAwait(false))
        {
            last.Enqueue(interaction);
            if (last.Count > Last)
            {
                last.Dequeue();
            }
        }

        return last.Count;
    }

    [Benchmark(Description = "memory, ReadLastAsync(50)")]
    public async Task<int> LastFiftyFromMemory() => (await _memory!.ReadLastAsync(NextCustomer(), Last).ConfigureAwait(false)).Count;

    [Benchmark(Description = "SQLite, ReadLastAsync(50)")]
    public async Task<int> LastFiftyFromSqlite() => (await _sqlite!.ReadLastAsync(NextCustomer(), Last).ConfigureAwait(false)).Count;

    private static long Count(string path)
    {
        if (!File.Exists(path))
        {
            return -1;
        }

        // A database cached by an earlier build may have an older table layout: treat anything this build's
        // store cannot read (a missing column, a missing table) as stale, so that it is rebuilt.
        try
        {
            using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM rk_interactions WHERE stream_key IS NOT NULL;";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return -1;
        }
    }

    private CustomerId NextCustomer()
    {
        CustomerId customer = _customers[_next];
        _next = _next + 1 == _customers.Length ? 0 : _next + 1;
        return customer;
    }
}
