using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace RelationshipKit.Benchmarks;

/// <summary>
/// The job of the summary benchmarks: one core, measured as the goal is stated ("on one core").
/// </summary>
/// <remarks>
/// <para>The code measured is single-threaded anyway; pinning keeps the runtime from spreading its own work
/// (background GC, tiering) onto a second core that the measurement would not pay for. Three settings:</para>
/// <list type="bullet">
/// <item>processor affinity mask 0b10: the benchmark process runs on CPU 1 only;</item>
/// <item><c>DOTNET_PROCESSOR_COUNT=1</c>: the runtime sizes itself (GC heaps, thread pool) for one CPU;</item>
/// <item>workstation, non-concurrent GC: no background GC thread.</item>
/// </list>
/// <para>The 10-million-row cases take seconds per invocation in the baseline, so warm-up and iteration counts are
/// fixed (2 and 10) instead of BenchmarkDotNet's adaptive defaults, which would run for many minutes.</para>
/// <para>A smoke run (<c>--smoke</c>) brings its own dry, in-process job, so this config then adds nothing.</para>
/// </remarks>
internal sealed class OneCoreConfig : ManualConfig
{
    public OneCoreConfig()
    {
        if (BenchmarkSizes.Smoke)
        {
            return;
        }

        AddJob(Job.Default
            .WithId("OneCore")
            .WithAffinity(new IntPtr(0b10))
            .WithEnvironmentVariable("DOTNET_PROCESSOR_COUNT", "1")
            .WithGcServer(false)
            .WithGcConcurrent(false)
            .WithWarmupCount(2)
            .WithIterationCount(10));
        AddColumn(new PerTransactionColumn());
    }
}
