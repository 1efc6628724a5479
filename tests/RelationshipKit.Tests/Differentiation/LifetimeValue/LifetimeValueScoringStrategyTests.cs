using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationshipKit.Differentiation;
using RelationshipKit.Differentiation.LifetimeValue;
using RelationshipKit.Summaries;

namespace RelationshipKit.Tests.Differentiation.LifetimeValue;

public sealed class LifetimeValueScoringStrategyTests
{
    private static CustomerSummaryTable Population(int n, int seed)
    {
        var s = new Samplers(seed);
        var (x, tx, t) = s.BgNbd(n, 0.25, 4.0, 0.8, 2.5, false, 20, 52);
        var summaries = new CustomerSummary[n];
        for (int i = 0; i < n; i++)
        {
            decimal money = x[i] == 0 ? 0m : Math.Round((decimal)(10 + (40 * s.Uniform())), 2);
            summaries[i] = CustomerSummary.Create(new CustomerId($"c{i}"), x[i], tx[i], t[i], TimeUnit.Week, money);
        }

        return CustomerSummaryTable.FromSummaries(summaries);
    }

    private static readonly Lazy<CustomerSummaryTable> Table = new(() => Population(1200, 31));

    [Fact]
    public void Options_Defaults_AreDocumented()
    {
        var o = new LifetimeValueScoringOptions();
        o.Model.Should().Be(TransactionModelKind.BgNbd);
        o.FitSpendModel.Should().BeTrue();
        o.HorizonLength.Should().Be(1);
        o.HorizonUnit.Should().Be(TimeUnit.Year);
        o.DiscountRate.Should().Be(0.1);
        o.DiscountPeriod.Should().Be(TimeUnit.Year);
        o.Margin.Should().Be(1);
        o.Fit.Penalizer.Should().Be(0);
        o.Fit.MaxIterations.Should().Be(500);
        o.Fit.ConfidenceLevel.Should().Be(0.95);
        o.Fit.RequireConvergence.Should().BeTrue();
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheOption()
    {
        FluentActions.Invoking(() => new LifetimeValueScoringStrategy(new LifetimeValueScoringOptions { HorizonLength = -1 }))
            .Should().Throw<OptionsValidationException>().WithMessage("*HorizonLength*");
        FluentActions.Invoking(() => new LifetimeValueScoringStrategy(new LifetimeValueScoringOptions { DiscountRate = -0.5 }))
            .Should().Throw<OptionsValidationException>().WithMessage("*DiscountRate*");
        FluentActions.Invoking(() => new LifetimeValueScoringStrategy(new LifetimeValueScoringOptions { Fit = new LifetimeValueFitOptions { Penalizer = -1 } }))
            .Should().Throw<OptionsValidationException>().WithMessage("*Penalizer*");
        FluentActions.Invoking(() => new LifetimeValueScoringStrategy(new LifetimeValueScoringOptions { Model = (TransactionModelKind)17 }))
            .Should().Throw<OptionsValidationException>().WithMessage("*Model*");
        FluentActions.Invoking(() => new LifetimeValueScoringStrategy(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Fit_Population_ScoresEveryCustomerLikeOneAtATime()
    {
        var strategy = new LifetimeValueScoringStrategy(new LifetimeValueScoringOptions { HorizonLength = 26, HorizonUnit = TimeUnit.Week, Margin = 0.3 });
        strategy.Kind.Should().Be("lifetime-value");
        var model = (LifetimeValueScoringModel)strategy.Fit(Table.Value);
        model.TimeUnit.Should().Be(TimeUnit.Week);
        model.TransactionModel.Should().BeOfType<BgNbdModel>();
        model.SpendModel.Should().NotBeNull();
        var values = new CustomerValue[Table.Value.Count];
        model.Score(Table.Value, values);
        for (int i = 0; i < 50; i++)
        {
            CustomerValue one = model.Score(Table.Value[i]);
            values[i].CustomerId.Should().Be(one.CustomerId);
            values[i].ProbabilityAlive!.Value.Should().BeApproximately(one.ProbabilityAlive!.Value, 1e-12);
            values[i].ExpectedPurchases!.Value.Should().BeApproximately(one.ExpectedPurchases!.Value, 1e-10 * Math.Max(1e-3, one.ExpectedPurchases.Value));
            values[i].ExpectedSpend.Should().Be(one.ExpectedSpend);
            values[i].LifetimeValue!.Value.Should().BeApproximately(one.LifetimeValue!.Value, 1e-9 * Math.Max(1e-3, one.LifetimeValue.Value));
            one.ProbabilityAlive.Should().BeInRange(0, 1);
            one.LifetimeValue.Should().Be(one.Score);
            one.LifetimeValue.Should().BeApproximately(0.3 * one.ExpectedSpend!.Value * model.Calculator.DiscountedExpectedPurchases(Table.Value[i].Frequency, Table.Value[i].Recency, Table.Value[i].T), 1e-9);
        }
    }

    [Fact]
    public void LoadModel_WrittenModel_ScoresBitIdentically()
    {
        var strategy = new LifetimeValueScoringStrategy(new LifetimeValueScoringOptions { Model = TransactionModelKind.ParetoNbd });
        IScoringModel model = strategy.Fit(Table.Value);
        string json = model.ToJson();
        IScoringModel back = strategy.LoadModel(json);
        back.ToJson().Should().Be(json);
        for (int i = 0; i < 20; i++)
        {
            back.Score(Table.Value[i]).Should().Be(model.Score(Table.Value[i]));
        }

        FluentActions.Invoking(() => strategy.LoadModel("{\"kind\":\"rfm\"}")).Should().Throw<JsonException>();
        FluentActions.Invoking(() => strategy.LoadModel(json.Replace("\"margin\":1", "\"margin\":\"x\"", StringComparison.Ordinal))).Should().Throw<JsonException>();
        FluentActions.Invoking(() => strategy.LoadModel(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Score_WithoutSpendModel_UsesExpectedPurchasesAsScore()
    {
        var strategy = new LifetimeValueScoringStrategy(new LifetimeValueScoringOptions { FitSpendModel = false });
        IScoringModel model = strategy.Fit(Table.Value);
        CustomerValue v = model.Score(Table.Value[3]);
        v.LifetimeValue.Should().BeNull();
        v.ExpectedSpend.Should().BeNull();
        v.Score.Should().Be(v.ExpectedPurchases!.Value);
    }

    [Fact]
    public void Score_WrongUnitOrShortDestination_Throws()
    {
        IScoringModel model = new LifetimeValueScoringStrategy().Fit(Table.Value);
        CustomerSummary daily = CustomerSummary.Create(new CustomerId("d"), 1, 3, 10, TimeUnit.Day, 5m);
        FluentActions.Invoking(() => model.Score(daily)).Should().Throw<ArgumentException>().WithParameterName("customer");
        FluentActions.Invoking(() => model.Score(Table.Value, new CustomerValue[3])).Should().Throw<ArgumentException>().WithParameterName("destination");
        FluentActions.Invoking(() => model.Score((CustomerSummary)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => model.Score(null!, new CustomerValue[3])).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new LifetimeValueScoringStrategy().Fit(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void AddLifetimeValueScoring_Resolves_ByNameAndIsIdempotent()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit()
            .AddLifetimeValueScoring()
            .AddLifetimeValueScoring("paretonbd", o => o.Model = TransactionModelKind.ParetoNbd)
            .AddLifetimeValueScoring("paretonbd", o => o.Margin = 0.5);
        using ServiceProvider sp = services.BuildServiceProvider();
        IScoringStrategyProvider provider = sp.GetRequiredService<IScoringStrategyProvider>();
        provider.Names.Should().Equal("clv", "paretonbd");
        provider.GetStrategy("clv").Should().BeOfType<LifetimeValueScoringStrategy>();
        sp.GetRequiredKeyedService<IScoringStrategy>("paretonbd").Kind.Should().Be("lifetime-value");
        var model = (LifetimeValueScoringModel)provider.GetStrategy("paretonbd").Fit(Table.Value);
        model.TransactionModel.Should().BeOfType<ParetoNbdModel>();
        model.Calculator.Margin.Should().Be(0.5);
    }

    [Fact]
    public void AddLifetimeValueScoring_InvalidOptions_FailsFastNamingTheOption()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit().AddLifetimeValueScoring("bad", o => o.HorizonLength = double.NaN);
        using ServiceProvider sp = services.BuildServiceProvider();
        FluentActions.Invoking(() => sp.GetRequiredService<IScoringStrategyProvider>().GetStrategy("bad"))
            .Should().Throw<OptionsValidationException>().WithMessage("*HorizonLength*");
    }

    [Fact]
    public void AddLifetimeValueScoring_InvalidArguments_Throw()
    {
        FluentActions.Invoking(() => LifetimeValueRelationshipKitBuilderExtensions.AddLifetimeValueScoring(null!)).Should().Throw<ArgumentNullException>();
        var builder = new ServiceCollection().AddRelationshipKit();
        FluentActions.Invoking(() => builder.AddLifetimeValueScoring(" ", null)).Should().Throw<ArgumentException>();
    }
}
