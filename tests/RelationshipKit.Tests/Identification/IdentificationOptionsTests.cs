using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationshipKit.Identification;

namespace RelationshipKit.Tests.Identification;

public sealed class IdentificationOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedValues()
    {
        var o = new IdentificationOptions();
        o.MatchThreshold.Should().Be(0.9);
        o.MaxBlockSize.Should().Be(1000);
        o.MaxRandomPairs.Should().Be(1_000_000);
        o.MaxTrainingPairsPerRule.Should().Be(200_000);
        o.MaxEmIterations.Should().Be(100);
        o.EmTolerance.Should().Be(1e-5);
        o.MaxDegreeOfParallelism.Should().Be(1);
        o.MatchOnSharedExternalId.Should().BeTrue();
        o.Clustering.Should().Be(ClusteringMethod.ConnectedComponents);
        o.TrustedFields.Should().BeEmpty();
        o.DeterministicRules.Should().BeEmpty();
        o.Comparisons.Select(c => c.Name).Should().Contain(["GivenName", "FamilyName", "BirthDate", "Email", "Phone", "NationalId", "Place"]);
        o.BlockingRules.Should().HaveCount(11);
        o.Normalization.EmailRemovePlusTags.Should().BeTrue();
        o.Normalization.BlockedValues.Should().Contain("n/a");
        o.Normalization.BlockedBirthDates.Should().Contain(new DateOnly(1900, 1, 1));
        o.Survivorship.DefaultRule.Should().Be(SurvivorshipRule.MostRecent);
    }

    [Theory]
    [InlineData(0.0, "*IdentificationOptions.MatchThreshold*")]
    [InlineData(1.0, "*IdentificationOptions.MatchThreshold*")]
    [InlineData(double.NaN, "*IdentificationOptions.MatchThreshold*")]
    public void Constructor_InvalidThreshold_NamesOption(double threshold, string message) =>
        FluentActions.Invoking(() => new IdentityResolver(new IdentificationOptions { MatchThreshold = threshold }))
            .Should().Throw<OptionsValidationException>().WithMessage(message);

    [Fact]
    public void Constructor_OtherInvalidOptions_NameEachOption()
    {
        var o = new IdentificationOptions { MaxBlockSize = 1, MaxRandomPairs = 10, MaxDegreeOfParallelism = 0, Comparisons = [], Normalization = { BirthDateFormats = [] } };
        FluentActions.Invoking(() => new IdentityResolver(o)).Should().Throw<OptionsValidationException>()
            .WithMessage("*MaxBlockSize*").WithMessage("*MaxRandomPairs*").WithMessage("*MaxDegreeOfParallelism*").WithMessage("*Comparisons*").WithMessage("*BirthDateFormats*");
    }

    [Fact]
    public void Comparison_InvalidLevels_Throw()
    {
        FluentActions.Invoking(() => new Comparison(IdentityField.GivenName, [ComparisonLevel.DateWithinDays(3)])).Should().Throw<ArgumentException>().WithMessage("*date*");
        FluentActions.Invoking(() => new Comparison(IdentityField.GivenName, [])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => ComparisonLevel.JaroWinkler(1.5)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => BlockingKeyPart.Of(IdentityField.Email, 99)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void IdentityRecord_BadInput_ThrowsNamingField()
    {
        DateTimeOffset t = DateTimeOffset.UnixEpoch;
        FluentActions.Invoking(() => new IdentityRecord(" ", "1", t)).Should().Throw<InvalidIdentityRecordException>().Which.FieldName.Should().Be("Source");
        FluentActions.Invoking(() => new IdentityRecord("s", "1", default)).Should().Throw<InvalidIdentityRecordException>().Which.FieldName.Should().Be("ObservedAt");
        FluentActions.Invoking(() => new IdentityRecord("s", "1", t) { Email = new string('a', 2000) }).Should().Throw<InvalidIdentityRecordException>().Which.FieldName.Should().Be("Email");
        FluentActions.Invoking(() => new IdentityRecord("s", "1", t) { ExternalIds = ["nocolon"] }).Should().Throw<InvalidIdentityRecordException>().Which.FieldName.Should().Be("ExternalIds");
    }

    [Fact]
    public void AddIdentification_Resolves_AndIsIdempotent()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit().AddIdentification(o => o.MatchThreshold = 0.95).AddIdentification();
        services.Count(d => d.ServiceType == typeof(IdentityResolver)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IValidateOptions<IdentificationOptions>)).Should().Be(1);
        using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IdentityResolver>().MatchThreshold.Should().Be(0.95);
        provider.GetRequiredService<IPhoneNumberNormalizer>().Should().BeOfType<DigitsPhoneNumberNormalizer>();
        provider.GetRequiredService<IdentityNormalizer>().Should().NotBeNull();
    }

    [Fact]
    public void AddIdentification_InvalidOptions_FailsNamingOption()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit().AddIdentification(o => o.MaxBlockSize = 0);
        using ServiceProvider provider = services.BuildServiceProvider();
        FluentActions.Invoking(() => provider.GetRequiredService<IdentityResolver>())
            .Should().Throw<OptionsValidationException>().WithMessage("*IdentificationOptions.MaxBlockSize*");
    }

    [Fact]
    public void AddIdentification_NullBuilder_Throws() =>
        FluentActions.Invoking(() => IdentificationRelationshipKitBuilderExtensions.AddIdentification(null!)).Should().Throw<ArgumentNullException>();
}
