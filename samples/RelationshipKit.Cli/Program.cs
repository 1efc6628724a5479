using System.CommandLine;
using RelationshipKit.Cli.Commands;

namespace RelationshipKit.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        RootCommand root = new("relkit: RelationshipKit over CSV files.");
        root.Subcommands.Add(FitCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(PlotCommand.Create());
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parse.Errors)
            {
                Console.Error.WriteLine($"relkit: {error.Message}");
            }

            return 2;
        }

        return parse.Invoke();
    }
}
