namespace RelationshipKit.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("relkit: no verbs yet");
        return args.Length == 0 ? 0 : 2;
    }
}
