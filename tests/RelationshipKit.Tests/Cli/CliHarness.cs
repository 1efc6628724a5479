using RelationshipKit.Cli;

namespace RelationshipKit.Tests.Cli;

/// <summary>Runs relkit in-process through its root command, capturing stdout and stderr; and owns a temp folder.</summary>
internal sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Folder = Path.Combine(Path.GetTempPath(), "relkit-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exitCode = Program.Run(args, stdout, stderr);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Writes <paramref name="lines"/> (joined with LF, with a final LF) to a new file in the temp folder.</summary>
    public string WriteFile(string name, params string[] lines)
    {
        string path = Path.Combine(Folder, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    public string PathOf(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The output lines without the final empty line.</summary>
    public string[] Lines => Stdout.Split('\n') is { Length: > 0 } parts && parts[^1].Length == 0 ? parts[..^1] : Stdout.Split('\n');
}
