using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationshipKit.DependencyInjection;
using RelationshipKit.Summaries;
using RelationshipKit.Tests.Summaries;

namespace RelationshipKit.Tests.DependencyInjection;

public sealed class RelationshipKitOptionsValidatorTests
{
    private static IValidateOptions<RelationshipKitOptions> RegisteredValidator()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit();
        using ServiceProvider provider = services.BuildServiceProvider();
        return provider.GetServices<IValidateOptions<RelationshipKitOptions>>().Should().ContainSingle().Which;
    }

    [Fact]
    public void Validate_DefaultOptions_Succeeds()
    {
        ValidateOptionsResult result = RegisteredValidator().Validate(Options.DefaultName, new RelationshipKitOptions());
        result.Succeeded.Should().BeTrue(result.FailureMessage);
    }

    [Theory]
    [MemberData(nameof(CustomerSummaryOptionsTests.InvalidOptions), MemberType = typeof(CustomerSummaryOptionsTests))]
    public void Validate_InvalidNestedSummaries_FailsNamingTheOption(string caseName, string option)
    {
        // The source-generated validator must walk into RelationshipKitOptions.Summaries on its own
        // (not rely on the builder's constructor check).
        ValidateOptionsResult result = RegisteredValidator().Validate(Options.DefaultName, new RelationshipKitOptions { Summaries = CustomerSummaryOptionsTests.Invalid(caseName) });
        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain(option);
    }

    [Fact]
    public void Validate_NullSummaries_FailsNamingSummaries()
    {
        ValidateOptionsResult result = new RelationshipKitOptionsValidator().Validate(Options.DefaultName, new RelationshipKitOptions { Summaries = null! });
        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("Summaries");
    }
}
