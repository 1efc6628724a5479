using System.Diagnostics;

namespace RelationshipKit.Samples.Store;

/// <summary>Wall and process CPU time of one stage (CPU shows the work when other processes share the cores).</summary>
internal sealed class StageClock
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private TimeSpan _cpuStart = Environment.CpuUsage.TotalTime;

    /// <summary>Wall time since the last restart.</summary>
    public TimeSpan Elapsed => _wall.Elapsed;

    /// <summary>Process CPU time (all threads) since the last restart.</summary>
    public TimeSpan Cpu => Environment.CpuUsage.TotalTime - _cpuStart;

    /// <summary>Starts a new stage.</summary>
    public void Restart()
    {
        _wall.Restart();
        _cpuStart = Environment.CpuUsage.TotalTime;
    }
}
