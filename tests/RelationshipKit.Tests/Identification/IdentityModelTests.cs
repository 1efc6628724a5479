using System.Text.Json;
using System.Text.Json.Nodes;
using RelationshipKit.Identification;

namespace RelationshipKit.Tests.Identification;

public sealed class IdentityModelTests
{
    private static readonly Lazy<(List<IdentityRecord> Records, IdentityModel Model)> Trained = new(() =>
    {
        List<IdentityRecord> records = [.. SyntheticIdentityGenerator.Generate(2000, 31).Select(s => s.Record)];
        return (records, new IdentityResolver().Resolve(records).Model);
    });

    [Fact]
    public void ToJson_FromJson_KeepsEveryParameterBitForBit()
    {
        IdentityModel model = Trained.Value.Model;
        string json = model.ToJson();

        IdentityModel loaded = IdentityModel.FromJson(json);

        loaded.ToJson().Should().Be(json);
        BitConverter.DoubleToInt64Bits(loaded.PriorMatchProbability).Should().Be(BitConverter.DoubleToInt64Bits(model.PriorMatchProbability));
        loaded.TrainingRecordCount.Should().Be(model.TrainingRecordCount);
        loaded.RandomPairCount.Should().Be(model.RandomPairCount);
        loaded.TrainingSessions.Should().HaveCount(model.TrainingSessions.Count);
        loaded.Comparisons.Should().HaveCount(model.Comparisons.Count);
        for (int c = 0; c < model.Comparisons.Count; c++)
        {
            ComparisonParameters a = model.Comparisons[c];
            ComparisonParameters b = loaded.Comparisons[c];
            b.Name.Should().Be(a.Name);
            b.IsTrained.Should().Be(a.IsTrained);
            b.TermFrequencyAdjusted.Should().Be(a.TermFrequencyAdjusted);
            b.TermFrequencies.Should().Equal(a.TermFrequencies);
            b.MinimumTermFrequency.Should().Be(a.MinimumTermFrequency);
            for (int l = 0; l < a.Levels.Count; l++)
            {
                b.Levels[l].Label.Should().Be(a.Levels[l].Label);
                BitConverter.DoubleToInt64Bits(b.Levels[l].M).Should().Be(BitConverter.DoubleToInt64Bits(a.Levels[l].M));
                BitConverter.DoubleToInt64Bits(b.Levels[l].U).Should().Be(BitConverter.DoubleToInt64Bits(a.Levels[l].U));
            }
        }

        model.Comparisons.Should().Contain(c => c.TermFrequencies.Count > 0, "the round trip must cover term frequencies");
    }

    [Fact]
    public void FromJson_LoadedModel_ScoresEveryPairIdentically()
    {
        (List<IdentityRecord> records, IdentityModel model) = Trained.Value;
        IdentityModel loaded = IdentityModel.FromJson(model.ToJson());
        var resolver = new IdentityResolver();

        resolver.Resolve(records, loaded).Assignments.Should().Equal(resolver.Resolve(records, model).Assignments);
        for (int i = 0; i < 300; i++)
        {
            IdentityRecord a = records[i];
            IdentityRecord b = records[((i * 7) + 1) % records.Count];
            PairExplanation expected = resolver.Explain(a, b, model);
            PairExplanation actual = resolver.Explain(a, b, loaded);
            BitConverter.DoubleToInt64Bits(actual.TotalWeight).Should().Be(BitConverter.DoubleToInt64Bits(expected.TotalWeight));
            BitConverter.DoubleToInt64Bits(actual.Probability).Should().Be(BitConverter.DoubleToInt64Bits(expected.Probability));
        }
    }

    [Fact]
    public void FromJson_UnknownMember_ThrowsNamingIt()
    {
        JsonNode node = JsonNode.Parse(Trained.Value.Model.ToJson())!;
        node["comparisons"]![0]!["surprise"] = 1;

        FluentActions.Invoking(() => IdentityModel.FromJson(node.ToJsonString())).Should().Throw<JsonException>().WithMessage("*surprise*");
    }

    [Fact]
    public void FromJson_MissingMember_ThrowsNamingIt()
    {
        JsonObject node = JsonNode.Parse(Trained.Value.Model.ToJson())!.AsObject();
        node.Remove("priorMatchProbability");

        FluentActions.Invoking(() => IdentityModel.FromJson(node.ToJsonString())).Should().Throw<JsonException>().WithMessage("*priorMatchProbability*");
    }

    [Theory]
    [InlineData("priorMatchProbability", "1.5", "priorMatchProbability")]
    [InlineData("kind", "\"rfm\"", "kind")]
    [InlineData("version", "2", "version")]
    [InlineData("comparisons", "[]", "comparisons")]
    public void FromJson_ValueOutOfRange_ThrowsNamingMember(string member, string value, string named)
    {
        JsonNode node = JsonNode.Parse(Trained.Value.Model.ToJson())!;
        node[member] = JsonNode.Parse(value);

        FluentActions.Invoking(() => IdentityModel.FromJson(node.ToJsonString())).Should().Throw<JsonException>().WithMessage($"*{named}*");
    }

    [Fact]
    public void FromJson_LevelProbabilityOutOfRange_ThrowsNamingThePath()
    {
        JsonNode node = JsonNode.Parse(Trained.Value.Model.ToJson())!;
        node["comparisons"]![2]!["levels"]![1]!["m"] = 2.0;

        FluentActions.Invoking(() => IdentityModel.FromJson(node.ToJsonString())).Should().Throw<JsonException>().WithMessage("*comparisons[2].levels[1].m*");
    }

    [Fact]
    public void FromJson_NumberWrittenAsString_IsRejected()
    {
        JsonNode node = JsonNode.Parse(Trained.Value.Model.ToJson())!;
        node["trainingRecordCount"] = "2000";

        FluentActions.Invoking(() => IdentityModel.FromJson(node.ToJsonString())).Should().Throw<JsonException>();
    }

    [Fact]
    public void FromJson_NullOrMalformed_Throws()
    {
        FluentActions.Invoking(() => IdentityModel.FromJson(null!)).Should().Throw<ArgumentNullException>().WithParameterName("json");
        FluentActions.Invoking(() => IdentityModel.FromJson("{")).Should().Throw<JsonException>();
        FluentActions.Invoking(() => IdentityModel.FromJson("null")).Should().Throw<JsonException>();
    }

    [Fact]
    public void FromJson_ModelOfOtherThresholds_IsRejectedByResolver()
    {
        // A saved model only fits comparisons with the same levels: the level labels carry the thresholds.
        IdentityModel loaded = IdentityModel.FromJson(Trained.Value.Model.ToJson());
        IList<Comparison> comparisons = IdentificationDefaults.Comparisons();
        int given = comparisons.ToList().FindIndex(c => c.Field == FieldSelector.Of(IdentityField.GivenName));
        comparisons[given] = new Comparison(
            FieldSelector.Of(IdentityField.GivenName),
            [ComparisonLevel.Exact, ComparisonLevel.DamerauLevenshtein(1), ComparisonLevel.JaroWinkler(0.95), ComparisonLevel.JaroWinkler(0.8), ComparisonLevel.Initials],
            termFrequencyAdjusted: true);
        var other = new IdentityResolver(new IdentificationOptions { Comparisons = comparisons });

        FluentActions.Invoking(() => other.CreateDirectory(loaded)).Should().Throw<ArgumentException>().WithParameterName("model");
    }
}
