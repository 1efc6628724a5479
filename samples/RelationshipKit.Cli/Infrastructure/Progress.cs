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
    private long _lastTick;
    private bool _dirty;

    private Progress(TextWriter? stderr)
    {
        _stderr = stderr;
    }

    /// <summary>A progress reporter that writes only when <paramref name="stderr"/> is the console's stderr and that is a terminal.</summary>
    public static Progress For(TextWriter stderr) =>
        new(ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected ? stderr : null);

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
