using System.Diagnostics;
using RelationshipKit.Identification;

namespace RelationshipKit.Benchmarks;

/// <summary>
/// Measures the latency distribution (p50, p90, p99, max) of resolving one new record against a directory of N
/// records, which BenchmarkDotNet's statistic columns do not give (they stop at P95).
/// </summary>
internal static class IdentificationLatency
{
    public static (CustomerDirectory Directory, IdentityRecord[] Incoming) Prepare(int size, int incoming)
    {
        // The directory holds the first N records (trained and resolved in batch); the rest arrive one by one.
        IReadOnlyList<SyntheticIdentity> data = SyntheticIdentityGenerator.Generate(size + incoming, 7);
        var resolver = new IdentityResolver(new IdentificationOptions { MaxDegreeOfParallelism = 2, Normalization = { DefaultCallingCode = "44" } });
        ResolutionResult batch = resolver.Resolve(data.Take(size).Select(s => s.Record));
        return (resolver.CreateDirectory(batch), [.. data.Skip(size).Select(s => s.Record)]);
    }

    public static int Run(int size, int count)
    {
        var setup = Stopwatch.StartNew();
        (CustomerDirectory directory, IdentityRecord[] incoming) = Prepare(size, count + 1000);
        Console.WriteLine($"directory of {size:N0} records ready in {setup.Elapsed.TotalSeconds:0.0} s");
        for (int i = 0; i < 1000; i++)
        {
            directory.Resolve(incoming[i]); // warm-up
        }

        double[] micros = new double[count];
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            directory.Resolve(incoming[1000 + i]);
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(micros);
        double P(double q) => micros[Math.Min(count - 1, (int)Math.Ceiling(q * count) - 1)];
        Console.WriteLine($"resolve one record, n={count:N0}: p50 {P(0.50):0.0} us, p90 {P(0.90):0.0} us, p99 {P(0.99):0.0} us, max {micros[^1]:0.0} us, mean {micros.Average():0.0} us");
        return 0;
    }
}
