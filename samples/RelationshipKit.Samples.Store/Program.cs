namespace RelationshipKit.Samples.Store;

internal static class Program
{
    private static int Main()
    {
        Console.WriteLine("RelationshipKit store sample");
        return 0;
    }
}
