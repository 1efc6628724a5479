using RelationshipKit.Identification;
using RelationshipKit.Tests.TestData;

namespace RelationshipKit.Tests.Identification;

/// <summary>
/// Issue #5 accuracy: deduplication of FEBRL dataset1 and dataset2 with the default options (no labels in
/// training; the record id is opaque). Pairwise precision at least 0.98 and recall at least 0.95 on the pairs
/// within the resulting customers.
/// </summary>
public sealed class FebrlAccuracyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("febrl/dataset1.csv", 500)]
    [InlineData("febrl/dataset2.csv", 1934)]
    public void Resolve_FebrlDevelopmentSet_MeetsPrecisionAndRecall(string file, long expectedTruePairs)
    {
        List<IdentityRecord> records = FebrlData.Load(SharedData.PathOf(file));
        var resolver = new IdentityResolver();

        ResolutionResult result = resolver.Resolve(records);

        var (precision, recall, f1, truePairs, predicted) = FebrlData.Evaluate(result.GetClusters(), records);
        output.WriteLine($"{file}: precision {precision:0.0000} recall {recall:0.0000} F1 {f1:0.0000} predicted pairs {predicted} true pairs {truePairs}");
        output.WriteLine($"candidates {result.Blocking.CandidatePairs} of {result.Blocking.TotalPairs}, reduction ratio {result.Blocking.ReductionRatio:0.000000}, prior {result.Model.PriorMatchProbability:E3}");
        foreach (BlockingRuleReport rule in result.Blocking.Rules)
        {
            output.WriteLine($"  {rule.Rule}: {rule.CandidatePairs} new of {rule.PairsBeforeDeduplication}");
        }

        foreach (ComparisonParameters c in result.Model.Comparisons)
        {
            output.WriteLine($"  {c.Name}: " + string.Join("; ", c.Levels.Skip(1).Select(l => $"{l.Label} m={l.M:0.000} u={l.U:0.00000} w={l.Weight:0.0}")));
        }

        truePairs.Should().Be(expectedTruePairs);
        precision.Should().BeGreaterThanOrEqualTo(0.98);
        recall.Should().BeGreaterThanOrEqualTo(0.95);
    }
}
