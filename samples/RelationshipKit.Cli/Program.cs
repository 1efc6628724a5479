using System.CommandLine;
using RelationshipKit.Cli.Commands;

namespace RelationshipKit.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("relkit: RelationshipKit on the command line.");
        root.Subcommands.Add(InteractionsCommand.Create());
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
