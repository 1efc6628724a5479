using System.Diagnostics;
using System.Globalization;

namespace RelationshipKit.Cli.Infrastructure;

/// <summary>
/// Progress lines for long runs, written to stderr only when stderr is the process's own terminal (never into a
/// redirected stream or a captured writer, so scripts and tests see clean output).
/// </summary>
internal sealed class Progress
{
    private static readonly long Interval = Stopwatch.Frequency / 4;

    private readonly TextWriter? _stderr;
    private readonly TextWriter? _timings;
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _lastTick;
    private long _lastPhase;
    private double _lastUser;
    private double _lastSystem;
    private bool _dirty;

    private Progress(TextWriter? stderr, TextWriter? timings)
    {
        _stderr = stderr;
        _timings = timings;
        _lastPhase = _started;
    }

    /// <summary>
    /// A progress reporter that writes only when <paramref name="stderr"/> is the console's stderr and that is a
    /// terminal; and that writes phase timings (<see cref="Time"/>) to <paramref name="stderr"/> when the
    /// environment variable <c>RELKIT_TIMINGS</c> is <c>1</c> (a development aid).
    /// </summary>
    public static Progress For(TextWriter stderr) =>
        new(
            ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected ? stderr : null,
            Environment.GetEnvironmentVariable("RELKIT_TIMINGS") == "1" ? stderr : null);

    /// <summary>With <c>RELKIT_TIMINGS=1</c>: writes the wall time since the previous phase ended and since the start.</summary>
    public void Time(string phase)
    {
        if (_timings is null)
        {
            return;
        }

        long now = Stopwatch.GetTimestamp();
        using var process = Process.GetCurrentProcess();
        double sinceStart = (TimeProvider.System.GetUtcNow().UtcDateTime - process.StartTime.ToUniversalTime()).TotalMilliseconds;
        double user = process.UserProcessorTime.TotalMilliseconds;
        double system = process.PrivilegedProcessorTime.TotalMilliseconds;
        _timings.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"relkit: timing: {phase}: {Stopwatch.GetElapsedTime(_lastPhase, now).TotalMilliseconds:F0} ms wall, {user - _lastUser:F0} ms user, {system - _lastSystem:F0} ms sys (process age {sinceStart:F0} ms; GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, paused {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms)"));
        _lastUser = user;
        _lastSystem = system;
        _lastPhase = now;
    }

    /// <summary>With <c>RELKIT_TIMINGS=1</c>: writes a note.</summary>
    public void Note(string text) => _timings?.WriteLine($"relkit: timing: {text}");

    /// <summary>Whether anything will be shown.</summary>
    public bool Enabled => _stderr is not null;

    /// <summary>Shows "STAGE: COUNT UNIT", at most four times a second.</summary>
    public void Report(string stage, long count, string unit)
    {
        if (_stderr is null)
        {
            return;
        }

        long now = Stopwatch.GetTimestamp();
        if (now - _lastTick < Interval)
        {
            return;
        }

        _lastTick = now;
        _stderr.Write(string.Create(CultureInfo.InvariantCulture, $"\r{stage}: {count:N0} {unit}   "));
        _dirty = true;
    }

    /// <summary>Shows a stage name on its own line.</summary>
    public void Stage(string text)
    {
        if (_stderr is null)
        {
            return;
        }

        Done();
        _stderr.WriteLine(text);
    }

    /// <summary>Ends the current progress line.</summary>
    public void Done()
    {
        if (_stderr is not null && _dirty)
        {
            _stderr.WriteLine();
            _dirty = false;
        }
    }
}
