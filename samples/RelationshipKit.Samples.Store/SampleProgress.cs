using System.Diagnostics;
using System.Globalization;

namespace RelationshipKit.Samples.Store;

/// <summary>
/// Progress lines on stderr while the sample works: stage names with counts and elapsed time, shown only when
/// stderr is the process's own terminal (never in a redirected stream or a test's writer), like the CLI's.
/// </summary>
internal sealed class SampleProgress
{
    private readonly TextWriter? _stderr;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private SampleProgress(TextWriter? stderr)
    {
        _stderr = stderr;
    }

    /// <summary>No progress at all.</summary>
    public static SampleProgress None { get; } = new(null);

    /// <summary>Progress on <paramref name="stderr"/> when it is the console's stderr and that is a terminal.</summary>
    public static SampleProgress For(TextWriter stderr) =>
        new(ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected ? stderr : null);

    /// <summary>Ends a line that native code (the chart renderer's SVG backend) may have left open on stderr.</summary>
    public void EndLine() => _stderr?.WriteLine();

    /// <summary>Shows one stage line: "[ 12.3 s] stage: detail".</summary>
    public void Stage(string stage, string detail)
    {
        _stderr?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,5:F1} s] {stage}: {detail}"));
    }
}
