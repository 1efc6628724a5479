using System.Diagnostics;
using System.Globalization;

namespace RelationshipKit.Benchmarks;

/// <summary>
/// "--rfm-cpu N [repeats]": the RFM benchmark cases over N customers, each timed in thread CPU time (the minimum over
/// repeats) as well as wall time. On a shared, loaded machine wall time mostly measures the neighbours; CPU time of
/// the one thread doing the work is the steadier figure for comparing two versions of the code (cache contention
/// still inflates it). Not a substitute for the quiet BenchmarkDotNet run.
/// </summary>
internal static class RfmCpuTime
{
    public static int Run(int customers, int repeats)
    {
        var bench = new RfmBenchmarks { Customers = customers };
        bench.Setup();
        Measure("SummariesOnly", repeats, () => bench.SummariesOnly());
        Measure("PopulationOnly", repeats, () => bench.PopulationOnly());
        Measure("Fit", repeats, () => bench.Fit());
        Measure("SummariesFitAndScore", repeats, bench.SummariesFitAndScore);
        Measure("TransactionsFitAndScore", repeats, bench.TransactionsFitAndScore);
        Measure("ScoreSpan", repeats, bench.ScoreSpan);
        Measure("ScoreSpanShared", repeats, bench.ScoreSpanShared);
        return 0;
    }

    private static void Measure(string name, int repeats, Action action)
    {
        action(); // warm-up: JIT, pools, the table's id key column
        double bestCpu = double.MaxValue;
        double bestWall = double.MaxValue;
        long allocated = long.MaxValue;
        for (int r = 0; r < repeats; r++)
        {
            GC.Collect();
            long bytes = GC.GetAllocatedBytesForCurrentThread();
            TimeSpan cpu = ThreadCpu();
            var wall = Stopwatch.StartNew();
            action();
            wall.Stop();
            bestCpu = Math.Min(bestCpu, (ThreadCpu() - cpu).TotalMilliseconds);
            bestWall = Math.Min(bestWall, wall.Elapsed.TotalMilliseconds);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - bytes);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-26} cpu {bestCpu,9:F1} ms   wall {bestWall,9:F1} ms   allocated {allocated,12:N0} B"));
    }

    // Thread CPU time from /proc (Linux); the process's total elsewhere (single-threaded work either way).
    private static TimeSpan ThreadCpu()
    {
        try
        {
            string[] stat = File.ReadAllText($"/proc/thread-self/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long ticks = long.Parse(stat[11], CultureInfo.InvariantCulture) + long.Parse(stat[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (IOException)
        {
            return Process.GetCurrentProcess().TotalProcessorTime;
        }
    }
}
