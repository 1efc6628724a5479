using System.CommandLine;
using System.Text.Json;
using RelationshipKit.Differentiation.LifetimeValue;

namespace RelationshipKit.Cli.Infrastructure;

/// <summary>
/// The one error path of every verb: runs a verb's body and turns its failures into "relkit: error: MESSAGE" on
/// stderr and an exit code (0 success, 1 unexpected failure, 2 bad input).
/// </summary>
internal static class CommandRunner
{
    /// <summary>Runs a verb body that writes to the invocation's output (the verbs' <c>SetAction</c> form).</summary>
    /// <param name="parse">The parse result, whose invocation configuration gives stdout and stderr.</param>
    /// <param name="body">The verb's work; receives stdout and returns the exit code.</param>
    /// <returns>The exit code (see <see cref="Run(TextWriter, Func{int})"/>).</returns>
    public static int Run(ParseResult parse, Func<TextWriter, int> body)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(body);
        TextWriter output = parse.InvocationConfiguration.Output;
        return Run(parse.InvocationConfiguration.Error, () => body(output));
    }

    /// <summary>
    /// Runs <paramref name="body"/>. Bad input gives exit code 2 with the message: <see cref="CliInputException"/>
    /// (which names the line and column, or the option), an invalid summary row, an invalid model file, any other
    /// <see cref="ArgumentException"/> of the library, a missing file or folder and a denied access. A model fit that
    /// fails gives 1 with its message; any other exception gives 1 with its type and message.
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
        catch (InvalidSummaryException ex)
        {
            ReportError(stderr, $"invalid summary (line {(ex.Row >= 0 ? ex.Row + 2 : -1)}, field {ex.ParamName}): {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (JsonException ex)
        {
            ReportError(stderr, $"invalid model file: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (ModelFitException ex)
        {
            ReportError(stderr, ex.Message);
            return ExitCodes.UnexpectedFailure;
        }
        catch (ArgumentException ex)
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
