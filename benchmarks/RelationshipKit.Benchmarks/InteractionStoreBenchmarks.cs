using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using RelationshipKit.Interactions;
using RelationshipKit.Sqlite;

namespace RelationshipKit.Benchmarks;

/// <summary>
/// Append throughput of the interaction stores (one operation = one interaction appended). Targets: in memory at
/// least 2,000,000 appends per second on one core; SQLite at least 100,000 per second in batches.
/// </summary>
/// <remarks>
/// Samples: 1,000,000 pre-built interactions over 100,000 customers for memory (a realistic mix of kinds, channels,
/// amounts and attributes; building them is not measured); 100,000 over 10,000 customers for SQLite (each customer's
/// first interaction creates their row, the other nine append to it; customers interleave, so every batch touches
/// 1,000 customers), in batches of 1,000, each invocation into a fresh database file with the default durable
/// settings (WAL, synchronous=FULL, secure_delete). The naive
/// baseline is what a host might write by hand: concurrent dictionaries and locked lists, no checks and no
/// engagement features. The in-memory store folds a customer's engagement on its first read and keeps it up to date
/// on every append after that: the plain in-memory cases append to customers whose engagement nobody has read, the
/// "engagement already read" case to customers whose engagement is kept. RELKIT_BENCH_SMOKE=1 shrinks every size for
/// CI's dry run.
/// </remarks>
[MemoryDiagnoser]
public class InteractionStoreBenchmarks
{
    private const int BatchSize = 1_000;
    private Interaction[] _memoryItems = [];
    private Interaction[] _sqliteItems = [];
    private Interaction[][] _memoryBatches = [];
    private Interaction[][] _sqliteBatches = [];
    private string _folder = string.Empty;
    private int _databases;
    private InMemoryInteractionStore? _warmStore;

    public int MemoryCount => InteractionBenchmarkData.Smoke ? 2_000 : 1_000_000;

    public int SqliteCount => InteractionBenchmarkData.Smoke ? 2_000 : 100_000;

    [GlobalSetup]
    public void Setup()
    {
        CustomerId[] customers = InteractionBenchmarkData.Customers(InteractionBenchmarkData.Smoke ? 200 : 100_000);
        _memoryItems = InteractionBenchmarkData.MakeMany(MemoryCount, customers);
        _sqliteItems = InteractionBenchmarkData.MakeMany(SqliteCount, InteractionBenchmarkData.Customers(InteractionBenchmarkData.Smoke ? 200 : 10_000));
        _memoryBatches = [.. _memoryItems.Chunk(BatchSize)];
        _sqliteBatches = [.. _sqliteItems.Chunk(BatchSize)];
        _folder = Path.Combine(Path.GetTempPath(), "relkit-bench-append-" + Environment.ProcessId);
        Directory.CreateDirectory(_folder);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 1_000_000, Description = "naive dictionaries, append one")]
    public int NaiveAppend()
    {
        var byId = new ConcurrentDictionary<string, Interaction>(StringComparer.Ordinal);
        var byCustomer = new ConcurrentDictionary<CustomerId, List<Interaction>>();
        foreach (Interaction interaction in _memoryItems)
        {
            if (byId.TryAdd(interaction.Id, interaction))
            {
                List<Interaction> list = byCustomer.GetOrAdd(interaction.CustomerId, static _ => []);
                lock (list)
                {
                    list.Add(interaction);
                }
            }
        }

        return byId.Count;
    }

    [Benchmark(OperationsPerInvoke = 1_000_000, Description = "in memory, AppendAsync one by one")]
    public async Task<long> InMemoryAppend()
    {
        var store = new InMemoryInteractionStore();
        foreach (Interaction interaction in _memoryItems)
        {
            await store.AppendAsync(interaction).ConfigureAwait(false);
        }

        return store.Count;
    }

    [Benchmark(OperationsPerInvoke = 1_000_000, Description = "in memory, AppendBatchAsync of 1,000")]
    public async Task<long> InMemoryAppendBatches()
    {
        var store = new InMemoryInteractionStore();
        foreach (Interaction[] batch in _memoryBatches)
        {
            await store.AppendBatchAsync(batch).ConfigureAwait(false);
        }

        return store.Count;
    }

    /// <summary>
    /// Before each iteration of <see cref="InMemoryAppendEngagementRead"/>: a store where every customer of the sample
    /// has one earlier interaction and has had their engagement read, so that the store keeps it up to date on every
    /// append (the in-memory store folds engagement on first read only). Not measured.
    /// </summary>
    [IterationSetup(Target = nameof(InMemoryAppendEngagementRead))]
    public void ReadEngagementOfEveryCustomer()
    {
        var store = new InMemoryInteractionStore();
        CustomerId[] customers = InteractionBenchmarkData.Customers(InteractionBenchmarkData.Smoke ? 200 : 100_000);
        foreach (CustomerId customer in customers)
        {
            store.AppendAsync(new Interaction("warm-" + customer, customer, InteractionKind.Visit, Channel.Web, InteractionDirection.Inbound, InteractionBenchmarkData.Start))
                .AsTask().GetAwaiter().GetResult();
            _ = store.GetEngagementAsync(customer).AsTask().GetAwaiter().GetResult();
        }

        _warmStore = store;
    }

    [Benchmark(OperationsPerInvoke = 1_000_000, Description = "in memory, AppendAsync one by one, engagement already read (kept up to date on append)")]
    public async Task<long> InMemoryAppendEngagementRead()
    {
        InMemoryInteractionStore store = _warmStore!;
        foreach (Interaction interaction in _memoryItems)
        {
            await store.AppendAsync(interaction).ConfigureAwait(false);
        }

        return store.Count;
    }

    [Benchmark(OperationsPerInvoke = 100_000, Description = "SQLite, AppendBatchAsync of 1,000 (FULL sync)")]
    public async Task<long> SqliteAppendBatches()
    {
        string path = Path.Combine(_folder, $"append{++_databases}.db");
        long appended = 0;
        using (var store = new SqliteInteractionStore(new SqliteStoreOptions { DatabasePath = path }))
        {
            foreach (Interaction[] batch in _sqliteBatches)
            {
                appended += (await store.AppendBatchAsync(batch).ConfigureAwait(false)).AppendedCount;
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (string file in Directory.GetFiles(_folder, $"append{_databases}.db*"))
        {
            File.Delete(file);
        }

        return appended;
    }
}
