using RelationshipKit.Samples.Store;

namespace RelationshipKit.Tests.Samples;

/// <summary>One small run of the store sample (2,000 people, charts into a temp folder), shared by the tests of a class.</summary>
public sealed class StoreSampleFixture : IDisposable
{
    public StoreSampleFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "store-sample-tests-" + Guid.NewGuid().ToString("N"));
        Options = new StoreSampleOptions { Customers = 2_000, Seed = 11, OutputDirectory = Folder };
        using var report = new StringWriter();
        Result = StoreSample.Run(Options, report);
        Printed = report.ToString();
    }

    internal StoreSampleOptions Options { get; }

    internal StoreSampleResult Result { get; }

    internal string Printed { get; }

    internal string Folder { get; }

    public void Dispose()
    {
        Result.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
