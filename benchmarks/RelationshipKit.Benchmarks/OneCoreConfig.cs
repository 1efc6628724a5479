using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace RelationshipKit.Benchmarks;

/// <summary>
/// The job of the summary benchmarks: one core, as the goal is stated ("on one core").
/// </summary>
/// <remarks>
/// <para>The code measured is single-threaded anyway. The job keeps the runtime from adding work on a second core
/// that the measurement would not pay for:</para>
/// <list type="bullet">
/// <item><c>DOTNET_PROCESSOR_COUNT=1</c>: the runtime sizes itself (GC heaps, thread pool) for one processor;</item>
/// <item>workstation, non-concurrent GC: garbage collections run on the benchmark thread, with no background GC
/// thread.</item>
/// </list>
/// <para>The process is not pinned to one CPU: on a shared machine (this project's benchmark machine has two cores
/// and several tenants) pinning makes the benchmark queue for its one core while the other may be idle, which
/// measures the neighbours rather than the code. One thread runs the measured work either way.</para>
/// <para>The 10-million-row cases take seconds per invocation in the baselines, so warm-up and iteration counts are
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
            .WithEnvironmentVariable("DOTNET_PROCESSOR_COUNT", "1")
            .WithGcServer(false)
            .WithGcConcurrent(false)
            .WithWarmupCount(2)
            .WithIterationCount(10));
        AddColumn(new PerTransactionColumn());
    }
}
