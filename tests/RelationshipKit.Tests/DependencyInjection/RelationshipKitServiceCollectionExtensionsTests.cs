using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RelationshipKit.DependencyInjection;
using RelationshipKit.Summaries;
using RelationshipKit.Tests.Summaries;
using static RelationshipKit.Tests.TestData.Tx;

namespace RelationshipKit.Tests.DependencyInjection;

public sealed class RelationshipKitServiceCollectionExtensionsTests
{
    [Fact]
    public void AddRelationshipKit_Resolves_BuilderAccumulatorAndSystemClock()
    {
        var services = new ServiceCollection();
        IRelationshipKitBuilder kit = services.AddRelationshipKit();
        kit.Services.Should().BeSameAs(services);

        using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(TimeProvider.System);
        CustomerSummaryBuilder builder = provider.GetRequiredService<CustomerSummaryBuilder>();
        builder.Should().BeSameAs(provider.GetRequiredService<CustomerSummaryBuilder>(), "the builder is a singleton");
        builder.Period.Should().Be(PurchasePeriod.Day);
        CustomerSummaryAccumulator accumulator = provider.GetRequiredService<CustomerSummaryAccumulator>();
        accumulator.Should().BeSameAs(provider.GetRequiredService<CustomerSummaryAccumulator>(), "one accumulator holds the host's state");
        accumulator.CustomerCount.Should().Be(0);
    }

    [Fact]
    public void AddRelationshipKit_Configure_ReachesServices()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit(o =>
        {
            o.Summaries.Period = PurchasePeriod.Week;
            o.Summaries.TimeUnit = TimeUnit.Month;
        });

        using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<CustomerSummaryBuilder>().Period.Should().Be(PurchasePeriod.Week);
        provider.GetRequiredService<CustomerSummaryBuilder>().TimeUnit.Should().Be(TimeUnit.Month);
        provider.GetRequiredService<CustomerSummaryAccumulator>().TimeUnit.Should().Be(TimeUnit.Month);
    }

    [Fact]
    public void AddRelationshipKit_CalledTwice_RegistersEachServiceOnceAndAppliesBothConfigurations()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit(o => o.Summaries.TimeUnit = TimeUnit.Week);
        int afterFirst = services.Count;
        services.AddRelationshipKit(o => o.Summaries.Period = PurchasePeriod.Week);

        services.Count(d => d.ServiceType == typeof(CustomerSummaryBuilder)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(CustomerSummaryAccumulator)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(TimeProvider)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IValidateOptions<RelationshipKitOptions>)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IOptions<>)).Should().Be(1);
        services.Count.Should().BeLessThanOrEqualTo(afterFirst + 2, "only the second configure action (and its start-up validation hook) may be added");

        using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetServices<CustomerSummaryBuilder>().Should().ContainSingle();
        CustomerSummaryBuilder builder = provider.GetRequiredService<CustomerSummaryBuilder>();
        builder.TimeUnit.Should().Be(TimeUnit.Week);
        builder.Period.Should().Be(PurchasePeriod.Week);
    }

    [Fact]
    public void AddRelationshipKit_HostTimeProviderRegisteredBefore_IsKeptAndUsed()
    {
        var fake = new FakeTimeProvider(Day(10));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(fake);
        services.AddRelationshipKit();

        services.Count(d => d.ServiceType == typeof(TimeProvider)).Should().Be(1);
        using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(fake);

        // "Now" is the host's fake clock: day 11 is in its future, day 9 is not.
        CustomerSummaryBuilder builder = provider.GetRequiredService<CustomerSummaryBuilder>();
        builder.Invoking(b => b.Build([Buy("a", 11, 1m)], Day(20))).Should().Throw<InvalidTransactionException>()
            .Which.FieldName.Should().Be(nameof(Transaction.OccurredAt));
        builder.Build([Buy("a", 9, 1m)], Day(20)).Count.Should().Be(1);
        provider.GetRequiredService<CustomerSummaryAccumulator>().Invoking(a => a.Add(Buy("a", 11, 1m))).Should().Throw<InvalidTransactionException>();
    }

    [Theory]
    [MemberData(nameof(CustomerSummaryOptionsTests.InvalidOptions), MemberType = typeof(CustomerSummaryOptionsTests))]
    public void Resolve_InvalidOptions_ThrowsOptionsValidationExceptionNamingTheOption(string caseName, string option)
    {
        CustomerSummaryOptions invalid = CustomerSummaryOptionsTests.Invalid(caseName);
        var services = new ServiceCollection();
        services.AddRelationshipKit(o => o.Summaries = invalid);
        using ServiceProvider provider = services.BuildServiceProvider();

        provider.Invoking(p => p.GetRequiredService<CustomerSummaryBuilder>()).Should().Throw<OptionsValidationException>().WithMessage($"*{option}*");
        provider.Invoking(p => p.GetRequiredService<CustomerSummaryAccumulator>()).Should().Throw<OptionsValidationException>().WithMessage($"*{option}*");
        provider.Invoking(p => p.GetRequiredService<IOptions<RelationshipKitOptions>>().Value).Should().Throw<OptionsValidationException>()
            .WithMessage($"*{option}*", "the options themselves are validated, not only the services built from them");
    }

    [Fact]
    public void StartupValidation_InvalidOptions_FailsFast()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit(o => o.Summaries.FutureTolerance = TimeSpan.FromMinutes(-1));
        using ServiceProvider provider = services.BuildServiceProvider();

        // What a Generic Host runs at start (ValidateOnStart).
        provider.GetRequiredService<IStartupValidator>().Invoking(v => v.Validate()).Should().Throw<OptionsValidationException>().WithMessage("*FutureTolerance*");
    }

    [Fact]
    public void StartupValidation_ValidOptions_Passes()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit(o => o.Summaries.TimeZoneId = "Europe/Berlin");
        using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Invoking(v => v.Validate()).Should().NotThrow();
    }

    [Fact]
    public void Resolve_NullSummariesSection_ThrowsNamingSummaries()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit(o => o.Summaries = null!);
        using ServiceProvider provider = services.BuildServiceProvider();
        provider.Invoking(p => p.GetRequiredService<CustomerSummaryBuilder>()).Should().Throw<OptionsValidationException>().WithMessage("*Summaries*");
    }

    [Fact]
    public void AddRelationshipKit_NullServices_ThrowsNamingServices() =>
        FluentActions.Invoking(() => RelationshipKitServiceCollectionExtensions.AddRelationshipKit(null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("services");
}
