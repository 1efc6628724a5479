using Microsoft.Extensions.Options;
using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.Composite;

namespace RelationshipKit.Tests.Differentiation.Composite;

public sealed class CompositeScoringOptionsTests
{
    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new CompositeScoringOptions();

        options.Components.Should().BeEmpty();
        options.Normalization.Should().Be(CompositeNormalization.PercentileRank);
        options.MaxKnots.Should().Be(1001);
        new CompositeComponentOptions().Weight.Should().Be(1);
        new CompositeComponentOptions().Strategy.Should().BeEmpty();
    }

    public static TheoryData<Action<CompositeScoringOptions>, string> Invalid() => new()
    {
        { o => { }, "*Components must hold at least one component*" },
        { o => o.Add(" "), "*Components[0].Strategy must name*" },
        { o => o.Add("a").Add("a"), "*Components[1].Strategy 'a' appears twice*" },
        { o => o.Add("a", 0), "*Components[0].Weight must be finite and above 0*" },
        { o => o.Add("a", double.NaN), "*Components[0].Weight*" },
        { o => { o.Add("a"); o.MaxKnots = 1; }, "*MaxKnots*" },
        { o => { o.Add("a"); o.Normalization = (CompositeNormalization)9; }, "*Normalization*" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_Invalid_FailsNamingOption(Action<CompositeScoringOptions> change, string message)
    {
        var options = new CompositeScoringOptions();
        change(options);
        var strategies = new Dictionary<string, IScoringStrategy> { ["a"] = TestStrategy.Frequency() };

        ((Action)(() => _ = new WeightedCompositeStrategy(options, strategies))).Should().Throw<OptionsValidationException>().WithMessage(message);
        new CompositeScoringOptionsValidator().Validate("x", options).Failed.Should().BeTrue();
    }
}
