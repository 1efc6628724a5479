using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace RelationshipKit.Benchmarks;

internal static class Program
{
    private static int Main(string[] args)
    {
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
