using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using RelationshipKit.Identification;

namespace RelationshipKit.Benchmarks;

/// <summary>
/// Measures the latency distribution (p50, p90, p99, p99.9, max) of resolving one new record against a directory of N
/// records, which BenchmarkDotNet's statistic columns do not give (they stop at P95), with what is needed to read a
/// run: bytes allocated per resolve, GC counts per generation during the timed loop, the candidates scored per
/// resolve, the process CPU time against the wall time (a loaded machine shows CPU well below wall) and the load average.
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
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"directory of {size:N0} records ready in {setup.Elapsed.TotalSeconds:0.0} s; GC mode: {(GCSettings.IsServerGC ? "server" : "workstation")}, latency mode {GCSettings.LatencyMode}"));
        for (int i = 0; i < 1000; i++)
        {
            directory.Resolve(incoming[i]); // warm-up
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        double[] micros = new double[count];
        int[] candidates = new int[count];
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        TimeSpan pause = GC.GetTotalPauseDuration();
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long wall = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            directory.Resolve(incoming[1000 + i]);
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            candidates[i] = directory.LastCandidateCount;
        }

        double wallSeconds = Stopwatch.GetElapsedTime(wall).TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        long bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        double pauseMs = (GC.GetTotalPauseDuration() - pause).TotalMilliseconds;
        int[] order = [.. Enumerable.Range(0, count).OrderBy(i => micros[i])];
        double P(double q) => micros[order[Math.Min(count - 1, (int)Math.Ceiling(q * count) - 1)]];
        int[] sortedCandidates = [.. candidates.Order()];
        int C(double q) => sortedCandidates[Math.Min(count - 1, (int)Math.Ceiling(q * count) - 1)];
        double slowCandidates = order.Skip(count - Math.Max(1, count / 100)).Average(i => candidates[i]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"resolve one record against {size:N0}, n={count:N0}: p50 {P(0.50):0.0} us, p90 {P(0.90):0.0} us, p99 {P(0.99):0.0} us, p99.9 {P(0.999):0.0} us, max {micros[order[^1]]:0.0} us, mean {micros.Average():0.0} us"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"allocated {(double)bytes / count:0} B per resolve; GCs during the loop: gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}, total pause {pauseMs:0.0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"candidates scored per resolve: p50 {C(0.50)}, p90 {C(0.90)}, p99 {C(0.99)}, max {sortedCandidates[^1]}; mean over the slowest 1%: {slowCandidates:0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"timed loop: {wallSeconds:0.00} s wall, {cpuSeconds:0.00} s CPU (all threads); load average {LoadAverage()}"));
        return 0;
    }

    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
