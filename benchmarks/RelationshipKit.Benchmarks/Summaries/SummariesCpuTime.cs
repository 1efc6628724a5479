using System.Diagnostics;
using System.Globalization;
using RelationshipKit.Summaries;

namespace RelationshipKit.Benchmarks.Summaries;

/// <summary>
/// "--summaries-cpu N [repeats]": <see cref="CustomerSummaryBenchmarks.Columns"/> over N customers (10 N transactions,
/// time-ordered), timed in thread CPU time and wall time (the minimum over repeats), for comparing two versions of
/// the code quickly or under a profiler. Not a substitute for the quiet BenchmarkDotNet run.
/// </summary>
internal static class SummariesCpuTime
{
    public static int Run(int customers, int repeats)
    {
        TransactionLog log = TransactionLog.Generate(customers);
        var builder = new CustomerSummaryBuilder();
        builder.Build(log.Columns, TransactionLog.CalibrationEnd); // warm-up: JIT, pools
        double bestCpu = double.MaxValue;
        double bestWall = double.MaxValue;
        for (int r = 0; r < repeats; r++)
        {
            GC.Collect();
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            builder.Build(log.Columns, TransactionLog.CalibrationEnd);
            wall.Stop();
            bestCpu = Math.Min(bestCpu, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
            bestWall = Math.Min(bestWall, wall.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Columns ({customers:N0} customers)  cpu {bestCpu,9:F1} ms   wall {bestWall,9:F1} ms"));
        return 0;
    }
}
