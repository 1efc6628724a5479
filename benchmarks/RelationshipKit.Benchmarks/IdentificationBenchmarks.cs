using BenchmarkDotNet.Attributes;
using RelationshipKit.Identification;

namespace RelationshipKit.Benchmarks;

/// <summary>
/// Batch deduplication of synthetic person records (issue #5 goal: 1,000,000 records in at most 60 s on 2 cores).
/// Sample: <see cref="SyntheticIdentityGenerator"/> (realistic typos, missing fields, 20% duplicates, four channels),
/// because no public data set of a million labelled person records exists; the generator is deterministic per seed.
/// Baseline: grouping by an exact normalised key (e-mail, else name and birth date), which is what a host does without
/// record linkage: fast, but it misses every duplicate with a typo or a missing field.
/// RELKIT_BENCH_SMOKE=1 runs tiny sizes (CI's dry run).
/// </summary>
[MemoryDiagnoser]
public class IdentificationBenchmarks
{
    private List<IdentityRecord> _records = [];

    public static IEnumerable<int> Sizes => Smoke ? [500] : [100_000, 1_000_000];

    internal static bool Smoke => Environment.GetEnvironmentVariable("RELKIT_BENCH_SMOKE") == "1";

    [ParamsSource(nameof(Sizes))]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup() => _records = [.. SyntheticIdentityGenerator.Generate(Records, 42).Select(s => s.Record)];

    [Benchmark(Baseline = true)]
    public int ExactKeyGrouping()
    {
        var normalizer = new IdentityNormalizer();
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (IdentityRecord r in _records)
        {
            string key = normalizer.Normalize(FieldKind.Email, r.Email)
                ?? normalizer.Normalize(FieldKind.Name, r.GivenName) + "|" + normalizer.Normalize(FieldKind.Name, r.FamilyName) + "|" + normalizer.Normalize(FieldKind.Date, r.BirthDate);
            groups.TryAdd(key, groups.Count);
        }

        return groups.Count;
    }

    [Benchmark]
    public int ResolveBatch()
    {
        var resolver = new IdentityResolver(new IdentificationOptions { MaxDegreeOfParallelism = 2, Normalization = { DefaultCallingCode = "44" } });
        return resolver.Resolve(_records).CustomerCount;
    }
}

/// <summary>
/// One new record resolved against a directory of N customers' records (issue #5 goal: 1 ms at the 99th percentile
/// for N = 1,000,000). BenchmarkDotNet reports the mean and P95 here; the p99 comes from
/// <see cref="IdentificationLatency"/> (<c>dotnet run -c Release -- --identification-latency 1000000</c>).
/// </summary>
[MemoryDiagnoser]
public class IdentificationIncrementalBenchmarks
{
    private CustomerDirectory _directory = null!;
    private IdentityRecord[] _incoming = [];
    private int _next;

    public static IEnumerable<int> Sizes => IdentificationBenchmarks.Smoke ? [500] : [100_000, 1_000_000];

    [ParamsSource(nameof(Sizes))]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup() => (_directory, _incoming) = IdentificationLatency.Prepare(Records, 200_000);

    [Benchmark]
    public RecordResolution ResolveOneRecord() => _directory.Resolve(_incoming[_next++ % _incoming.Length]);
}
