using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace RelationshipKit.Benchmarks;

internal static class Program
{
    private static int Main(string[] args)
    {
        // "--identification-latency N" measures p50/p90/p99 of incremental resolution against a directory of N records.
        if (args.Length > 1 && args[0] == "--identification-latency")
        {
            return IdentificationLatency.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20_000);
        }

        // "--identification-batch N" times each phase of batch resolution of N synthetic records.
        if (args.Length > 1 && args[0] == "--identification-batch")
        {
            return IdentificationBatchProfile.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        // "--rfm-cpu N [repeats]" times the RFM cases in thread CPU time (for comparisons on a loaded machine).
        if (args.Length > 1 && args[0] == "--rfm-cpu")
        {
            return RfmCpuTime.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
        }

        // "--summaries-cpu N [repeats]" times the columnar summary build of N customers in CPU time (quick comparisons).
        if (args.Length > 1 && args[0] == "--summaries-cpu")
        {
            return Summaries.SummariesCpuTime.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
        }

        // "--smoke" runs every benchmark once in-process with the smallest parameters (CI uses it to prove they run).
        if (args.Length > 0 && args[0] == "--smoke")
        {
            IConfig config = ManualConfig.CreateMinimumViable()
                .AddJob(Job.Dry.WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance))
                .WithOption(ConfigOptions.DisableOptimizationsValidator, true);
            Environment.SetEnvironmentVariable("RELKIT_BENCH_SMOKE", "1");
            var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).RunAll(config, args[1..]);
            return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
