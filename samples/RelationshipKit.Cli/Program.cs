using System.CommandLine;
using System.CommandLine.Invocation;
using RelationshipKit.Cli.Commands;
using RelationshipKit.Cli.Infrastructure;

namespace RelationshipKit.Cli;

/// <summary>The <c>relkit</c> entry point: one root command, one <c>XxxCommand.Create()</c> per verb.</summary>
internal static class Program
{
    private static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Builds the command tree. A new verb adds one line here and its own file in Commands/.</summary>
    public static RootCommand CreateRootCommand() => new(
        "relkit: RelationshipKit over CSV files. Run 'relkit <verb> --help' for a verb's options. " +
        "Exit codes: 0 success, 1 unexpected failure, 2 bad input (the message names the line and column, or the option).")
    {
        SummarizeCommand.Create(),
        RfmCommand.Create(),
        SimulateCommand.Create(),
        ResolveCommand.Create(),
        FitCommand.Create(),
        PredictCommand.Create(),
        EvaluateCommand.Create(),
        PlotCommand.Create(),
        InteractionsCommand.Create(),
    };

    /// <summary>Parses <paramref name="args"/> and runs the verb, writing to the given writers (tests call this in-process).</summary>
    /// <returns>The exit code: 0 success, 1 unexpected failure, 2 bad input or bad command line.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        RootCommand root = CreateRootCommand();
        ParseResult result = root.Parse(args);
        if (result.Action is ParseErrorAction)
        {
            foreach (System.CommandLine.Parsing.ParseError error in result.Errors)
            {
                CommandRunner.ReportError(stderr, error.Message);
            }

            string verb = result.CommandResult.Command == root ? "relkit" : $"relkit {result.CommandResult.Command.Name}";
            stderr.WriteLine($"Run '{verb} --help' for usage.");
            return ExitCodes.BadInput;
        }

        var configuration = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
        };
        return CommandRunner.Run(stderr, () => result.Invoke(configuration));
    }
}
