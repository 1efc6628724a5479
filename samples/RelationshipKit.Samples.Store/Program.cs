using System.Globalization;

namespace RelationshipKit.Samples.Store;

/// <summary>
/// The README's "run it" command: a shop simulated for two years and run through the whole library, ending in a
/// report (stdout and <c>report.txt</c>) and SVG charts next to it.
/// </summary>
internal static class Program
{
    private const string Usage =
        "usage: dotnet run --project samples/RelationshipKit.Samples.Store [-- options]\n" +
        "  --customers N   people who arrive over the two years (1000 or more; default 100000)\n" +
        "  --seed S        the seed; the same seed gives the same shop and report (default 2026)\n" +
        "  --sqlite FILE   keep the interaction history and preferences in a SQLite file (default: in memory)\n" +
        "  --out DIR       where report.txt and the SVG charts go (default artifacts/store-sample)\n" +
        "  --no-files      print the report only";

    private static async Task<int> Main(string[] args)
    {
        var options = new StoreSampleOptions { OutputDirectory = Path.Combine("artifacts", "store-sample") };
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--customers" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1_000:
                    options.Customers = n;
                    i++;
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int s):
                    options.Seed = s;
                    i++;
                    break;
                case "--sqlite" when !string.IsNullOrWhiteSpace(value):
                    options.SqlitePath = Path.GetFullPath(value);
                    i++;
                    break;
                case "--out" when !string.IsNullOrWhiteSpace(value):
                    options.OutputDirectory = value;
                    i++;
                    break;
                case "--no-files":
                    options.OutputDirectory = null;
                    break;
                case "--help" or "-h":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    Console.Error.WriteLine($"error: unexpected or invalid argument '{args[i]}'");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        if (options.OutputDirectory is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        StoreSampleResult result;
        try
        {
            result = await StoreSample.RunAsync(options, Console.Out, SampleProgress.For(Console.Error)).ConfigureAwait(false);
        }
        catch (RelationshipKit.Interactions.InteractionConflictException e) when (options.SqlitePath is not null)
        {
            Console.Error.WriteLine($"error: the SQLite file {options.SqlitePath} holds another simulation (another seed or size): {e.Message}");
            Console.Error.WriteLine("Use a new file, or the same --seed and --customers as the run that wrote it (its appends are then recognised as replays).");
            return 2;
        }

        using StoreSampleResult disposable = result;
        if (options.OutputDirectory is not null)
        {
            Console.WriteLine();
            Console.WriteLine("Report and charts: " + Path.GetFullPath(options.OutputDirectory));
        }

        return result.SummaryDifferences == 0 && result.ConflictMessage is not null ? 0 : 1;
    }
}
