using Microsoft.Extensions.DependencyInjection;
using RelationshipKit.Summaries;

namespace RelationshipKit.Tests.Summaries;

/// <summary>The README's quick start, run as written, prints what the README says it prints.</summary>
public sealed class ReadmeQuickStartTests
{
    [Fact]
    public void QuickStart_AsInReadme_PrintsTheDocumentedSummary()
    {
        using ServiceProvider services = new ServiceCollection()
            .AddRelationshipKit(o => o.Summaries.TimeUnit = TimeUnit.Week)
            .Services.BuildServiceProvider();

        var live = services.GetRequiredService<CustomerSummaryAccumulator>();
        var ann = new CustomerId("ann");
        live.Add(new Transaction(ann, DateTimeOffset.Parse("2025-01-03T10:00:00Z"), 40.00m, "order-1"));
        live.Add(new Transaction(ann, DateTimeOffset.Parse("2025-02-14T18:30:00Z"), 25.50m, "order-2"));
        AccumulationResult replay = live.Add(new Transaction(ann, DateTimeOffset.Parse("2025-02-14T18:30:00Z"), 25.50m, "order-2"));

        live.TryGetSummary(ann, DateTimeOffset.Parse("2025-06-30T00:00:00Z"), null, out CustomerSummary? s).Should().BeTrue();

        replay.Should().Be(AccumulationResult.Duplicate);
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        readme.Should().Contain($"Console.WriteLine(s); // {s}");
        s!.Frequency.Should().Be(1);
        s.Recency.Should().Be(6);
        s.T.Should().BeApproximately(178 / 7.0, 1e-12);
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RelationshipKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (RelationshipKit.sln) was not found above " + AppContext.BaseDirectory);
    }
}
