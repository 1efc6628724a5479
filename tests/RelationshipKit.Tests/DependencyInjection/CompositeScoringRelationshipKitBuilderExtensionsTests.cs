using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.Composite;
using RelationshipKit.Tests.Differentiation;

namespace RelationshipKit.Tests.DependencyInjection;

public sealed class CompositeScoringRelationshipKitBuilderExtensionsTests
{
    [Fact]
    public void AddWeightedCompositeScoring_ResolvesComponentsByName()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit()
            .AddRfmScoring()
            .AddScoringStrategy("freq", _ => TestStrategy.Frequency())
            .AddWeightedCompositeScoring("value", o => o.Add("rfm", 2).Add("freq", 1));
        using ServiceProvider provider = services.BuildServiceProvider();
        IScoringStrategyProvider strategies = provider.GetRequiredService<IScoringStrategyProvider>();

        IScoringStrategy composite = strategies.GetStrategy("value");

        composite.Should().BeOfType<WeightedCompositeStrategy>().Which.Components.Should().Equal("rfm", "freq");
        strategies.Names.Should().Equal("rfm", "freq", "value");
        IScoringModel model = composite.Fit(Differentiation.Rfm.RfmModelTests.RandomTable(100, seed: 4));
        model.Score(RfmTestData.Summary("x", 1, 1, 2, 1m)).Score.Should().BeInRange(0, 1);
    }

    [Fact]
    public void AddWeightedCompositeScoring_Twice_RegistersOnce()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit()
            .AddScoringStrategy("freq", _ => TestStrategy.Frequency())
            .AddWeightedCompositeScoring("value", o => o.Add("freq"))
            .AddWeightedCompositeScoring("value", o => o.MaxKnots = 10);
        using ServiceProvider provider = services.BuildServiceProvider();

        services.Count(d => d.IsKeyedService && Equals(d.ServiceKey, "value")).Should().Be(1);
        provider.GetRequiredService<IOptionsMonitor<CompositeScoringOptions>>().Get("value").MaxKnots.Should().Be(10);
        provider.GetRequiredService<IScoringStrategyProvider>().GetStrategy("value").Should().BeOfType<WeightedCompositeStrategy>();
    }

    [Fact]
    public void AddWeightedCompositeScoring_MissingComponent_FailsListingNames()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit().AddRfmScoring().AddWeightedCompositeScoring("value", o => o.Add("clv"));
        using ServiceProvider provider = services.BuildServiceProvider();

        Action act = () => provider.GetRequiredService<IScoringStrategyProvider>().GetStrategy("value");

        act.Should().Throw<KeyNotFoundException>().WithMessage("*'clv'*'rfm'*");
    }

    [Fact]
    public void AddWeightedCompositeScoring_InvalidOptions_FailNamingOption()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit().AddRfmScoring().AddWeightedCompositeScoring("value", o => o.Add("rfm", -1));
        using ServiceProvider provider = services.BuildServiceProvider();

        Action act = () => provider.GetRequiredService<IScoringStrategyProvider>().GetStrategy("value");

        act.Should().Throw<OptionsValidationException>().WithMessage("*Weight*");
    }

    [Fact]
    public void AddWeightedCompositeScoring_Cycle_FailsClearly()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit()
            .AddWeightedCompositeScoring("a", o => o.Add("b"))
            .AddWeightedCompositeScoring("b", o => o.Add("a"))
            .AddWeightedCompositeScoring("self", o => o.Add("self"));
        using ServiceProvider provider = services.BuildServiceProvider();
        IScoringStrategyProvider strategies = provider.GetRequiredService<IScoringStrategyProvider>();

        ((Action)(() => strategies.GetStrategy("a"))).Should().Throw<InvalidOperationException>().WithMessage("*refers to itself*");
        ((Action)(() => strategies.GetStrategy("self"))).Should().Throw<InvalidOperationException>().WithMessage("*lists itself*");
    }

    [Fact]
    public void AddWeightedCompositeScoring_ArgumentChecks()
    {
        var services = new ServiceCollection();
        var builder = services.AddRelationshipKit();
        ((Action)(() => CompositeScoringRelationshipKitBuilderExtensions.AddWeightedCompositeScoring(null!, "x", _ => { }))).Should().Throw<ArgumentNullException>().WithParameterName("builder");
        ((Action)(() => builder.AddWeightedCompositeScoring(null!, _ => { }))).Should().Throw<ArgumentNullException>().WithParameterName("name");
        ((Action)(() => builder.AddWeightedCompositeScoring(" ", _ => { }))).Should().Throw<ArgumentException>().WithParameterName("name");
        ((Action)(() => builder.AddWeightedCompositeScoring("x", null!))).Should().Throw<ArgumentNullException>().WithParameterName("configure");
    }
}
