using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RelationshipKit.Loyalty;
using static RelationshipKit.Tests.Loyalty.LoyaltyTestData;

namespace RelationshipKit.Tests.DependencyInjection;

public sealed class LoyaltyRelationshipKitBuilderExtensionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void AddLoyalty_ResolvesEveryService_AsSingletons()
    {
        using ServiceProvider provider = new ServiceCollection().AddRelationshipKit().AddLoyalty().Services.BuildServiceProvider();
        IStageModelProvider models = provider.GetRequiredService<IStageModelProvider>();
        models.Names.Should().Equal(LoyaltyLadder.ModelName, CustomerLifecycle.ModelName);
        models.GetModel(LoyaltyLadder.ModelName).Stages.Should().Contain(LoyaltyLadder.Advocate);
        models.GetModel(CustomerLifecycle.ModelName).Should().BeSameAs(provider.GetRequiredKeyedService<StageModel>(CustomerLifecycle.ModelName));
        models.GetTracker(CustomerLifecycle.ModelName).Model.Name.Should().Be(CustomerLifecycle.ModelName);
        provider.GetRequiredService<IStageHistoryStore>().Should().BeOfType<InMemoryStageHistoryStore>();
        provider.GetRequiredService<NextBestActionEngine>().Should().BeSameAs(provider.GetRequiredService<NextBestActionEngine>());
        provider.GetRequiredService<PersonalDataEraser>().StoreCount.Should().Be(3, "interactions, preferences and the stage history");
    }

    [Fact]
    public void AddLoyalty_Twice_RegistersNothingTwice_AndAppliesEachConfigure()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit()
            .AddLoyalty(o => o.Ladder.ClientMinimumPurchases = 3)
            .AddLoyalty(o => o.Lifecycle.Basis = LifecycleBasis.FixedDays);
        services.Count(d => d.ServiceType == typeof(StageModel)).Should().Be(2);
        services.Count(d => d.ServiceType == typeof(StageTracker)).Should().Be(2);
        services.Count(d => d.ServiceType == typeof(IStageHistoryStore)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(NextBestActionEngine)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IValidateOptions<LoyaltyOptions>)).Should().Be(1);
        using ServiceProvider provider = services.BuildServiceProvider();
        IStageModelProvider models = provider.GetRequiredService<IStageModelProvider>();
        models.Names.Should().HaveCount(2);
        models.GetModel(LoyaltyLadder.ModelName).Assign(Buyer(2, 50, 5), AsOf).Stage.Should().Be(LoyaltyLadder.Purchaser, "the first configure raised the client threshold to 3");
        models.GetModel(CustomerLifecycle.ModelName).Assign(Buyer(5, 400, 100, 20), AsOf).Stage.Should().Be(CustomerLifecycle.AtRisk, "the second configure chose fixed days (100 > 90), where the rhythm would say lapsed");
    }

    [Fact]
    public async Task AddStageModel_HostModel_KeyedLookup_AndObserverTold()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit()
            .AddLoyalty()
            .AddStageModel("membership", _ => new StageModelBuilder("membership").Stage("gold").When((in s, in _) => s.TotalSpend > 1000m, "spent over 1000").Otherwise("member", "default").Build())
            .AddStageModel("membership", _ => throw new InvalidOperationException("a second registration under the same name changes nothing"))
            .AddStageTransitionObserver<CountingObserver>()
            .AddStageTransitionObserver<CountingObserver>();
        services.Count(d => d.ServiceType == typeof(IStageTransitionObserver)).Should().Be(1);
        using ServiceProvider provider = services.BuildServiceProvider();
        IStageModelProvider models = provider.GetRequiredService<IStageModelProvider>();
        models.Names.Should().Equal(LoyaltyLadder.ModelName, CustomerLifecycle.ModelName, "membership");
        models.TryGetModel("membership", out StageModel? membership).Should().BeTrue();
        membership!.Assign(Buyer(2, 50, 5, totalSpend: 5000m), AsOf).Stage.Name.Should().Be("gold");
        models.TryGetModel("ghost", out _).Should().BeFalse();
        Action unknown = () => models.GetModel("ghost");
        unknown.Should().Throw<KeyNotFoundException>().WithMessage("*'ghost'*'membership'*");
        Action unknownTracker = () => models.GetTracker("ghost");
        unknownTracker.Should().Throw<KeyNotFoundException>();

        await models.GetTracker("membership").TrackAsync(Buyer(2, 50, 5, totalSpend: 5000m), AsOf, Ct);
        await models.GetTracker(LoyaltyLadder.ModelName).TrackAsync(Buyer(2, 50, 5), AsOf, Ct);
        ((CountingObserver)provider.GetRequiredService<IStageTransitionObserver>()).Count.Should().Be(2);
        (await provider.GetRequiredService<IStageHistoryStore>().ReadAsync(Id(), "membership", Ct)).Should().ContainSingle();
    }

    [Fact]
    public void AddStageModel_FactoryReturnsAnotherName_FailsOnResolve()
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit().AddStageModel("mine", _ => LoyaltyLadder.Create());
        using ServiceProvider provider = services.BuildServiceProvider();
        Action act = () => provider.GetRequiredService<IStageModelProvider>().GetModel("mine");
        act.Should().Throw<InvalidOperationException>().WithMessage("*'mine'*'loyaltyLadder'*");
    }

    [Theory]
    [InlineData("LostAfter")]
    [InlineData("ClientMinimumPurchases")]
    [InlineData("MaxActions")]
    [InlineData("PositiveRating")]
    public void AddLoyalty_InvalidOptions_FailOnResolveNamingTheOption(string option)
    {
        var services = new ServiceCollection();
        services.AddRelationshipKit().AddLoyalty(o =>
        {
            switch (option)
            {
                case "LostAfter": o.Lifecycle.LostAfter = TimeSpan.FromDays(1); break;
                case "ClientMinimumPurchases": o.Ladder.ClientMinimumPurchases = 0; break;
                case "MaxActions": o.NextBestAction.MaxActions = 0; break;
                default: o.State.PositiveRating = -1; break;
            }
        });
        using ServiceProvider provider = services.BuildServiceProvider();
        Action act = () =>
        {
            _ = provider.GetRequiredService<IStageModelProvider>().GetModel(CustomerLifecycle.ModelName);
            _ = provider.GetRequiredService<IStageModelProvider>().GetModel(LoyaltyLadder.ModelName);
            _ = provider.GetRequiredService<NextBestActionEngine>();
        };
        act.Should().Throw<OptionsValidationException>().WithMessage($"*{option}*");
    }

    [Fact]
    public void Options_Defaults_AndDirectValidationNamesNestedOptions()
    {
        var o = new LoyaltyOptions();
        o.Ladder.Should().NotBeNull();
        o.Lifecycle.Basis.Should().Be(LifecycleBasis.Rhythm);
        o.State.PositiveRating.Should().Be(7);
        o.NextBestAction.MaxActions.Should().Be(10);
        o.Lifecycle.LostAfter = TimeSpan.FromDays(1);
        Action act = o.ThrowIfInvalid;
        act.Should().Throw<OptionsValidationException>().WithMessage("*LoyaltyOptions.Lifecycle.LostAfter*");
        var nulls = new LoyaltyOptions { Ladder = null! };
        Action nested = nulls.ThrowIfInvalid;
        nested.Should().Throw<OptionsValidationException>().WithMessage("*Ladder must not be null*");
    }

    [Fact]
    public void Methods_NullArguments_Throw()
    {
        Action nullBuilder = () => LoyaltyRelationshipKitBuilderExtensions.AddLoyalty(null!);
        nullBuilder.Should().Throw<ArgumentNullException>();
        var builder = new ServiceCollection().AddRelationshipKit();
        Action nullFactory = () => builder.AddStageModel("m", null!);
        nullFactory.Should().Throw<ArgumentNullException>();
        Action badName = () => builder.AddStageModel("Bad Name", _ => LoyaltyLadder.Create());
        badName.Should().Throw<ArgumentException>().WithParameterName("name");
        Action nullObserverBuilder = () => LoyaltyRelationshipKitBuilderExtensions.AddStageTransitionObserver<CountingObserver>(null!);
        nullObserverBuilder.Should().Throw<ArgumentNullException>();
    }

    private sealed class CountingObserver : IStageTransitionObserver
    {
        private int _count;

        public int Count => _count;

        public ValueTask OnTransitionAsync(StageTransitionArguments arguments, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.CompletedTask;
        }
    }
}
