using RelationshipKit.Cli.Infrastructure;

namespace RelationshipKit.Cli.Infrastructure;

/// <summary>Runs a verb's body and turns its failures into a message on stderr and an exit code.</summary>
internal static class CommandRunner
{
    /// <summary>
    /// Runs <paramref name="body"/>: <see cref="CliInputException"/> and file-not-found become exit code 2 with
    /// the message; any other exception becomes exit code 1 with its type and message.
    /// </summary>
    public static int Run(TextWriter stderr, Func<int> body)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (CliInputException ex)
        {
            ReportError(stderr, ex.Message);
            return ExitCodes.BadInput;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            ReportError(stderr, ex.Message);
            return ExitCodes.BadInput;
        }
#pragma warning disable CA1031 // The CLI's last line of defence: every failure becomes a message and exit code 1.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ReportError(stderr, $"unexpected failure: {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.UnexpectedFailure;
        }
    }

    /// <summary>Writes "relkit: error: MESSAGE" to <paramref name="stderr"/>.</summary>
    public static void ReportError(TextWriter stderr, string message)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        stderr.WriteLine($"relkit: error: {message}");
        stderr.Flush();
    }
}
