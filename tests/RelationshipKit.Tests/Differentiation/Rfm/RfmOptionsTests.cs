using Microsoft.Extensions.Options;
using RelationshipKit.Differentiation.Rfm;

namespace RelationshipKit.Tests.Differentiation.Rfm;

public sealed class RfmOptionsTests
{
    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var options = new RfmOptions();

        options.Bins.Should().Be(5);
        options.TiePolicy.Should().Be(RfmTiePolicy.First);
        options.Monetary.Should().Be(RfmMonetaryBasis.Total);
        options.RecencyThresholds.Should().BeNull();
        options.FrequencyThresholds.Should().BeNull();
        options.MonetaryThresholds.Should().BeNull();
        options.RecencyWeight.Should().Be(1);
        options.FrequencyWeight.Should().Be(1);
        options.MonetaryWeight.Should().Be(1);
        options.Segments.Should().BeNull();
        options.FallbackSegment.Should().BeNull();
        options.MaxDegreeOfParallelism.Should().Be(1);
    }

    public static TheoryData<Action<RfmOptions>, string> InvalidOptions() => new()
    {
        { o => o.Bins = 1, "*RfmOptions.Bins must be from 2 to 10; it is 1*" },
        { o => o.Bins = 11, "*RfmOptions.Bins*" },
        { o => o.TiePolicy = (RfmTiePolicy)7, "*RfmOptions.TiePolicy*" },
        { o => o.Monetary = (RfmMonetaryBasis)7, "*RfmOptions.Monetary*" },
        { o => o.RecencyThresholds = [1, 2, 3], "*RfmOptions.RecencyThresholds must hold Bins - 1 = 4 values; it holds 3*" },
        { o => o.FrequencyThresholds = [1, 2, 2, 3], "*RfmOptions.FrequencyThresholds must be strictly increasing*" },
        { o => o.MonetaryThresholds = [1, 2, double.NaN, 3], "*RfmOptions.MonetaryThresholds[2] must be finite*" },
        { o => o.RecencyWeight = -1, "*RfmOptions.RecencyWeight must be finite and 0 or more*" },
        { o => o.FrequencyWeight = double.PositiveInfinity, "*RfmOptions.FrequencyWeight*" },
        { o => { o.RecencyWeight = 0; o.FrequencyWeight = 0; o.MonetaryWeight = 0; }, "*At least one of RecencyWeight*" },
        { o => o.FallbackSegment = "  ", "*RfmOptions.FallbackSegment*" },
        { o => o.Segments = [new RfmSegmentRule("Only", RfmScoreRange.Exactly(5), RfmScoreRange.Any, RfmScoreRange.Any)], "*RfmOptions.Segments*100 cell(s) match no rule*" },
        { o => o.Segments = [null!], "*RfmOptions.Segments[0] is null*" },
        { o => o.MaxDegreeOfParallelism = 0, "*RfmOptions.MaxDegreeOfParallelism must be 1 to 64; it is 0*" },
        { o => o.MaxDegreeOfParallelism = 65, "*RfmOptions.MaxDegreeOfParallelism*" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_InvalidOption_StrategyConstructorThrowsNamingIt(Action<RfmOptions> change, string message)
    {
        var options = new RfmOptions();
        change(options);

        Action act = () => _ = new RfmStrategy(options);

        act.Should().Throw<OptionsValidationException>().WithMessage(message);
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_InvalidOption_SourceGeneratedValidatorFails(Action<RfmOptions> change, string message)
    {
        _ = message;
        var options = new RfmOptions();
        change(options);

        ValidateOptionsResult result = new RfmOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
    }

    [Fact]
    public void Validate_HostSegmentsWithFallback_AreValid()
    {
        var options = new RfmOptions
        {
            Segments = [new RfmSegmentRule("Recent", RfmScoreRange.Exactly(5), RfmScoreRange.Any, RfmScoreRange.Any)],
            FallbackSegment = "Others",
        };

        new RfmOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
        new RfmStrategy(options).Segments.Segments.Should().Equal("Recent", "Others");
    }
}
