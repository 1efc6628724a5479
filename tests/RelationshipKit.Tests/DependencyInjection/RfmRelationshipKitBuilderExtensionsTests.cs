using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationshipKit.DependencyInjection;
using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.Rfm;
using RelationshipKit.Summaries;
using RelationshipKit.Tests.Differentiation;

namespace RelationshipKit.Tests.DependencyInjection;

public sealed class RfmRelationshipKitBuilderExtensionsTests
{
    [Fact]
    public void AddRfmScoring_ResolvesByNameWithOptions()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit().AddRfmScoring(o => o.Bins = 4);
        using ServiceProvider provider = services.BuildServiceProvider();

        IScoringStrategy strategy = provider.GetRequiredService<IScoringStrategyProvider>().GetStrategy("rfm");

        strategy.Should().BeOfType<RfmStrategy>().Which.Bins.Should().Be(4);
        provider.GetRequiredKeyedService<IScoringStrategy>("rfm").Should().BeSameAs(strategy);
        provider.GetRequiredService<IScoringStrategyProvider>().Names.Should().Equal("rfm");
    }

    [Fact]
    public void AddRfmScoring_Twice_RegistersOnceAndAppliesBothConfigurations()
    {
        var services = new ServiceCollection();
        IRelationshipKitBuilder builder = services.AddRelationshipKit();
        builder.AddRfmScoring(o => o.Bins = 4).AddRfmScoring(o => o.TiePolicy = RfmTiePolicy.Shared);
        using ServiceProvider provider = services.BuildServiceProvider();

        services.Count(d => d.IsKeyedService && Equals(d.ServiceKey, "rfm")).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IValidateOptions<RfmOptions>)).Should().Be(1);
        var strategy = (RfmStrategy)provider.GetRequiredService<IScoringStrategyProvider>().GetStrategy("rfm");
        strategy.Bins.Should().Be(4);
        strategy.TiePolicy.Should().Be(RfmTiePolicy.Shared);
        provider.GetRequiredService<IScoringStrategyProvider>().Names.Should().Equal("rfm");
    }

    [Fact]
    public void AddRfmScoring_InvalidOptions_FailsOnResolveNamingTheOption()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit().AddRfmScoring(o => o.Bins = 12);
        using ServiceProvider provider = services.BuildServiceProvider();

        Action act = () => provider.GetRequiredService<IScoringStrategyProvider>().GetStrategy("rfm");

        act.Should().Throw<OptionsValidationException>().WithMessage("*Bins*");
    }

    [Fact]
    public void AddRfmScoring_OverlappingSegments_FailsOnResolveListingCells()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit().AddRfmScoring(o =>
        {
            o.Bins = 2;
            o.Segments =
            [
                new RfmSegmentRule("A", RfmScoreRange.Any, RfmScoreRange.Any, RfmScoreRange.Any),
                new RfmSegmentRule("B", RfmScoreRange.Exactly(2), RfmScoreRange.Exactly(2), RfmScoreRange.Exactly(2)),
            ];
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        Action act = () => provider.GetRequiredService<IScoringStrategyProvider>().GetStrategy("rfm");

        act.Should().Throw<OptionsValidationException>().WithMessage("*Segments*222 (A | B)*");
    }

    [Fact]
    public void AddRfmScoring_ValidateOnStartRegistered()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit().AddRfmScoring();

        services.Should().Contain(d => d.ServiceType == typeof(IValidateOptions<RfmOptions>));
        services.Should().Contain(d => d.ServiceType.Name.Contains("IStartupValidator", StringComparison.Ordinal));
    }

    [Fact]
    public void AddScoringStrategy_CustomHostStrategy_SameDoorAndResolved()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit()
            .AddRfmScoring()
            .AddScoringStrategy<FrequencyOnlyStrategy>("frequency-only");
        using ServiceProvider provider = services.BuildServiceProvider();
        IScoringStrategyProvider strategies = provider.GetRequiredService<IScoringStrategyProvider>();

        strategies.Names.Should().Equal("rfm", "frequency-only");
        IScoringModel model = strategies.GetStrategy("frequency-only").Fit(RfmTestData.Table(RfmTestData.Summary("a", 3, 5, 9)));
        model.Score(RfmTestData.Summary("b", 7, 5, 9)).Score.Should().Be(7);
        strategies.TryGetStrategy("nope", out _).Should().BeFalse();
    }

    [Fact]
    public void AddRfmScoring_NullBuilder_Throws()
    {
        ((Action)(() => RfmRelationshipKitBuilderExtensions.AddRfmScoring(null!))).Should().Throw<ArgumentNullException>().WithParameterName("builder");
    }

    /// <summary>A host strategy: the score is the repeat count.</summary>
    private sealed class FrequencyOnlyStrategy : IScoringStrategy
    {
        public string Kind => "frequency-only";

        public IScoringModel Fit(CustomerSummaryTable population) => new Model(population.TimeUnit);

        public IScoringModel LoadModel(string json) => new Model(TimeUnit.Day);

        private sealed class Model(TimeUnit unit) : IScoringModel
        {
            public string Kind => "frequency-only";

            public TimeUnit TimeUnit => unit;

            public CustomerValue Score(CustomerSummary customer) => new(customer.CustomerId, customer.Frequency);

            public void Score(CustomerSummaryTable customers, Span<CustomerValue> destination)
            {
                for (int i = 0; i < customers.Count; i++)
                {
                    destination[i] = new CustomerValue(customers.CustomerIds[i], customers.Frequency[i]);
                }
            }

            public string ToJson() => "{}";
        }
    }
}
